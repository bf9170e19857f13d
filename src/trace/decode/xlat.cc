#include "trace/decode/xlat.h"

#include <string>

#include <fmt/format.h>

#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

// The flag names in `value` (appended to text and json), and the bits no name covers.
uint64_t append_flags(ConstantTable table, uint64_t value, std::string& text, Json& json) {
    for (const NamedValue& entry : table) {
        if (entry.value == 0 || (value & entry.value) != entry.value) continue;
        if (!text.empty()) text += '|';
        text += entry.name;
        json.push_back(entry.name);
        value &= ~entry.value;
    }
    return value;
}

}  // namespace

std::optional<std::string_view> constant_name(ConstantTable table, uint64_t value) {
    for (const NamedValue& entry : table)
        if (entry.value == value) return entry.name;
    return std::nullopt;
}

Value constant_value(ConstantTable table, uint64_t value, std::string_view unknown_prefix) {
    if (const auto name = constant_name(table, value)) return leaf(std::string(*name), std::string(*name));
    if (unknown_prefix.empty()) return unsigned_value(value);
    return leaf(fmt::format("{:#x} /* {}_??? */", value, unknown_prefix), value);
}

Value flags_value(ConstantTable table, uint64_t value) {
    std::string text;
    Json json = Json::array();
    const uint64_t rest = append_flags(table, value, text, json);
    if (rest != 0 || text.empty()) {
        if (!text.empty()) text += '|';
        text += rest == 0 ? std::string("0") : fmt::format("{:#x}", rest);
        if (rest != 0) json.push_back(rest);
    }
    return leaf(std::move(text), std::move(json));
}

Value enum_with_flags_value(ConstantTable enums, uint64_t enum_mask, std::string_view unknown_prefix,
                            ConstantTable flags, uint64_t value) {
    // An unknown kind makes the flags meaningless too: strace shows the whole number.
    if (!constant_name(enums, value & enum_mask)) return constant_value(enums, value, unknown_prefix);
    Value first = constant_value(enums, value & enum_mask, unknown_prefix);
    std::string text = first.text;
    Json json = Json::array({first.json});
    std::string flag_text;
    const uint64_t rest = append_flags(flags, value & ~enum_mask, flag_text, json);
    if (!flag_text.empty()) text += '|' + flag_text;
    if (rest != 0) {
        text += fmt::format("|{:#x}", rest);
        json.push_back(rest);
    }
    return leaf(std::move(text), std::move(json));
}

}  // namespace netlens::trace
