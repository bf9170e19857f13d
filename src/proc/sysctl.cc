#include "proc/sysctl.h"

#include <algorithm>
#include <charconv>

#include "proc/file_text.h"

namespace netlens::proc {

namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\n");
    return text.substr(first, last - first + 1);
}

// Reads one unsigned number at the front of text and advances past it.
std::optional<uint32_t> take_number(std::string_view& text) {
    uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data()) return std::nullopt;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    return value;
}

}  // namespace

std::optional<PortRange> parse_port_range(std::string_view text) {
    text = trim(text);
    const auto low = take_number(text);
    const auto gap = text.find_first_not_of(" \t");
    if (!low || gap == 0 || gap == std::string_view::npos) return std::nullopt;
    text.remove_prefix(gap);
    const auto high = take_number(text);
    if (!high || !text.empty() || *low > 65535 || *high > 65535) return std::nullopt;
    return PortRange{*low, *high};
}

std::optional<uint32_t> count_reserved_ports(std::string_view text, PortRange range) {
    text = trim(text);
    uint32_t count = 0;
    while (!text.empty()) {
        const auto first = take_number(text);
        if (!first) return std::nullopt;
        uint32_t last = *first;
        if (!text.empty() && text.front() == '-') {
            text.remove_prefix(1);
            const auto end = take_number(text);
            if (!end || *end < *first) return std::nullopt;
            last = *end;
        }
        const uint32_t low = std::max(*first, range.low);
        const uint32_t high = std::min(last, range.high);
        if (low <= high) count += high - low + 1;
        if (text.empty()) break;
        if (text.front() != ',') return std::nullopt;
        text.remove_prefix(1);
    }
    return count;
}

std::optional<int64_t> parse_integer(std::string_view text) {
    text = trim(text);
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::string> read_small_file(const std::string& path) {
    auto read = read_file_text(path);
    if (read.err != 0) return std::nullopt;
    return std::move(read.text);
}

}  // namespace netlens::proc
