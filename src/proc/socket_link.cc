#include "proc/socket_link.h"

#include <charconv>

namespace netlens::proc {

std::optional<uint64_t> parse_socket_link(std::string_view target) {
    constexpr std::string_view kPrefix = "socket:[";
    if (!target.starts_with(kPrefix) || !target.ends_with(']')) return std::nullopt;
    const std::string_view digits = target.substr(kPrefix.size(), target.size() - kPrefix.size() - 1);
    // For an unsigned type from_chars takes digits only (no sign, no spaces) and stops at the
    // first other byte; requiring it to consume everything rejects "socket:[12x]" and "socket:[]".
    uint64_t inode = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), inode);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return inode;
}

}  // namespace netlens::proc
