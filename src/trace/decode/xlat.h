// Named constants, table-driven: a table lists (value, name) pairs in the order strace
// prints them, and two renderers turn a number into text and JSON, as one name or as
// flags joined by '|'.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "trace/trace_model.h"

namespace netlens::trace {

struct NamedValue {
    uint64_t value;
    std::string_view name;
};
using ConstantTable = std::span<const NamedValue>;

std::optional<std::string_view> constant_name(ConstantTable table, uint64_t value);

// One constant: its name (json: the name). Unknown: "0x6e /* AF_??? */" (json: the number),
// or the plain decimal number when `unknown_prefix` is empty.
Value constant_value(ConstantTable table, uint64_t value, std::string_view unknown_prefix);

// Flags: names joined by '|' in table order, leftover bits as hex, "0" for none (json: an
// array of the names, leftover bits as a number). An entry of several bits matches only
// when all of them are set, and consumes them.
Value flags_value(ConstantTable table, uint64_t value);

// A set of flags on top of an enum in the low bits (SOCK_STREAM|SOCK_CLOEXEC,
// O_RDWR|O_NONBLOCK): the enum's name first, then the flags.
Value enum_with_flags_value(ConstantTable enums, uint64_t enum_mask, std::string_view unknown_prefix,
                            ConstantTable flags, uint64_t value);

}  // namespace netlens::trace
