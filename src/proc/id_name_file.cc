// ip reads each line with sscanf("0x%x %s") and then sscanf("%d %s"): a number, any
// whitespace, then a name up to the next whitespace; what follows the name is ignored
// (so "5 name # comment" names 5). The same acceptance is spelled out here without
// sscanf's fixed name buffer.
#include "proc/id_name_file.h"

#include <cctype>
#include <limits>

namespace netlens::proc {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

void skip_spaces(std::string_view& text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
}

// Digits of `base` at the front of `text`, consumed; nullopt when there are none. Values
// beyond int64 saturate, as they are then out of every table's range anyway.
std::optional<int64_t> take_digits(std::string_view& text, int base) {
    int64_t value = 0;
    size_t used = 0;
    for (; used < text.size(); ++used) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[used])));
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (digit < 0) break;
        if (value <= (std::numeric_limits<int64_t>::max() - digit) / base) value = value * base + digit;
    }
    if (used == 0) return std::nullopt;
    text.remove_prefix(used);
    return value;
}

// sscanf's %x after a literal "0x": optional sign, an optional second "0x", hex digits.
// A value above 32 bits is what ip's int would not hold; it stores it as negative.
std::optional<int64_t> take_hex(std::string_view& text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && std::isxdigit(static_cast<unsigned char>(text[2]))) {
        text.remove_prefix(2);
    }
    auto value = take_digits(text, 16);
    if (!value) return std::nullopt;
    // %x stores into an int: 0x80000000 and above come out negative.
    const auto as_int = static_cast<int32_t>(static_cast<uint32_t>(*value));
    return negative ? -static_cast<int64_t>(as_int) : static_cast<int64_t>(as_int);
}

std::optional<int64_t> take_decimal(std::string_view& text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    auto value = take_digits(text, 10);
    if (!value) return std::nullopt;
    return negative ? -*value : *value;
}

// " %s": whitespace, then a word of at least one character.
std::optional<std::string> take_name(std::string_view text) {
    skip_spaces(text);
    size_t length = 0;
    while (length < text.size() && !is_space(text[length])) ++length;
    if (length == 0) return std::nullopt;
    return std::string(text.substr(0, length));
}

std::optional<IdName> parse_pair(std::string_view line) {
    if (line.size() > 2 && line[0] == '0' && line[1] == 'x') {
        std::string_view rest = line.substr(2);
        if (auto id = take_hex(rest)) {
            if (auto name = take_name(rest)) return IdName{*id, std::move(*name)};
        }
    }
    std::string_view rest = line;
    auto id = take_decimal(rest);
    if (!id) return std::nullopt;
    auto name = take_name(rest);
    if (!name) return std::nullopt;
    return IdName{*id, std::move(*name)};
}

}  // namespace

IdNameFile parse_id_name_file(std::string_view text) {
    IdNameFile file;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        auto pair = parse_pair(line);
        if (!pair) {
            file.corrupt_line = std::string(line);
            break;
        }
        file.entries.push_back(std::move(*pair));
    }
    return file;
}

}  // namespace netlens::proc
