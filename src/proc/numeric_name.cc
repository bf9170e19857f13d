#include "proc/numeric_name.h"

#include <climits>

#include "core/decimal.h"

namespace netlens::proc {

std::optional<int> parse_numeric_name(std::string_view name) {
    const auto value = parse_decimal(name, INT_MAX);
    if (!value) return std::nullopt;
    return static_cast<int>(*value);
}

}  // namespace netlens::proc
