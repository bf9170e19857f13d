#include "core/decimal.h"

#include <charconv>

namespace netlens {

std::optional<uint64_t> parse_decimal(std::string_view text, uint64_t max) {
    // from_chars takes no '+' but would take nothing else we refuse; check the first byte
    // so an empty or signed text never reaches it.
    if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
    uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
    return value;
}

}  // namespace netlens
