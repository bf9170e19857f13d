#include "proc/numeric_name.h"

#include <charconv>

namespace netlens::proc {

std::optional<int> parse_numeric_name(std::string_view name) {
    // from_chars accepts a leading '-' for int; entry names never carry one.
    if (name.empty() || name.front() < '0' || name.front() > '9') return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), value);
    if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
    return value;
}

}  // namespace netlens::proc
