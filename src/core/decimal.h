// Whole numbers typed by people or named by the kernel (a pid directory, a table id,
// a count): digits only — no sign, no spaces, no hex — and at most `max`. One rule for
// every such field, so "--netns pid:-1" and "--table 1e3" are refused alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace netlens {

std::optional<uint64_t> parse_decimal(std::string_view text, uint64_t max);

}  // namespace netlens
