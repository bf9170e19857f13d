// One JSON object written straight to text, for the records streams carry by the
// hundred thousand (a route, a socket): no tree of nodes built and freed per record.
// The text is what nlohmann's compact dump makes of the same object: strings are
// escaped the same way and invalid UTF-8 is replaced by U+FFFD, so the fast path and
// the document path cannot disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netlens {

class JsonRecord {
public:
    JsonRecord() : text_("{") {}

    JsonRecord& text(std::string_view key, std::string_view value);
    JsonRecord& text_or_null(std::string_view key, std::string_view value);  // "" becomes null
    JsonRecord& number(std::string_view key, int64_t value);
    JsonRecord& unsigned_number(std::string_view key, uint64_t value);
    JsonRecord& optional_number(std::string_view key, const std::optional<uint64_t>& value);
    JsonRecord& boolean(std::string_view key, bool value);
    JsonRecord& null(std::string_view key);
    JsonRecord& object(std::string_view key, const JsonRecord& inner);
    JsonRecord& array(std::string_view key, const std::vector<JsonRecord>& items);
    JsonRecord& texts(std::string_view key, const std::vector<std::string>& items);  // an array of strings

    // The object so far, closed: "{...}".
    std::string closed() const { return text_ + "}"; }
    // The fields so far without braces ("\"a\":1,\"b\":2"), to append to.
    std::string_view fields() const { return std::string_view(text_).substr(1); }

private:
    void key(std::string_view name);
    template <typename Integer>
    void integer(std::string_view name, Integer value);
    std::string text_;
};

// Appends `value` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view value);

}  // namespace netlens
