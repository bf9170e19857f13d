#include "core/json_record.h"

#include <charconv>

namespace netlens {

namespace {

// How many bytes at the start of `text` make one UTF-8 sequence (`valid`), or, when they
// do not, how many to replace with one U+FFFD: the lead byte and the continuation bytes
// that fitted before the first one that did not (an overlong form, a surrogate, past
// U+10FFFF, a cut sequence). This is how nlohmann's replacing dump counts them.
size_t utf8_sequence(std::string_view text, bool& valid) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        valid = false;
        return 1;
    }
    for (size_t i = 1; i < length; ++i) {
        const bool fits = i < text.size() && byte(i) >= (i == 1 ? low : 0x80) && byte(i) <= (i == 1 ? high : 0xBF);
        if (!fits) {
            valid = false;
            return i;
        }
    }
    valid = true;
    return length;
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (size_t i = 0; i < value.size();) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x80) {
            bool valid = false;
            const size_t length = utf8_sequence(value.substr(i), valid);
            if (valid) {
                out.append(value.substr(i, length));
            } else {
                out += "\xEF\xBF\xBD";  // U+FFFD
            }
            i += length;
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
}

void JsonRecord::key(std::string_view name) {
    if (text_.size() > 1) text_ += ',';
    append_json_string(text_, name);
    text_ += ':';
}

JsonRecord& JsonRecord::text(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(text_, value);
    return *this;
}

JsonRecord& JsonRecord::text_or_null(std::string_view name, std::string_view value) {
    return value.empty() ? null(name) : text(name, value);
}

template <typename Integer>
void JsonRecord::integer(std::string_view name, Integer value) {
    key(name);
    char digits[24];  // 20 digits and a sign at the most
    const auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
    text_.append(digits, end);
}

JsonRecord& JsonRecord::number(std::string_view name, int64_t value) {
    integer(name, value);
    return *this;
}

JsonRecord& JsonRecord::unsigned_number(std::string_view name, uint64_t value) {
    integer(name, value);
    return *this;
}

JsonRecord& JsonRecord::optional_number(std::string_view name, const std::optional<uint64_t>& value) {
    return value ? unsigned_number(name, *value) : null(name);
}

JsonRecord& JsonRecord::boolean(std::string_view name, bool value) {
    key(name);
    text_ += value ? "true" : "false";
    return *this;
}

JsonRecord& JsonRecord::object(std::string_view name, const JsonRecord& inner) {
    key(name);
    text_ += inner.fields().empty() ? "{}" : inner.closed();
    return *this;
}

JsonRecord& JsonRecord::array(std::string_view name, const std::vector<JsonRecord>& items) {
    key(name);
    text_ += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) text_ += ',';
        text_ += items[i].closed();
    }
    text_ += ']';
    return *this;
}

JsonRecord& JsonRecord::texts(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    text_ += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) text_ += ',';
        append_json_string(text_, items[i]);
    }
    text_ += ']';
    return *this;
}

JsonRecord& JsonRecord::null(std::string_view name) {
    key(name);
    text_ += "null";
    return *this;
}

}  // namespace netlens
