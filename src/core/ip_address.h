// IPv4/IPv6 addresses parsed from text, as bytes ready for netlink or sockets.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace netlens {

struct IpAddress {
    int family = 0;  // AF_INET or AF_INET6
    std::array<uint8_t, 16> bytes{};

    size_t size() const;  // 4 or 16 bytes
    std::span<const uint8_t> view() const { return {bytes.data(), size()}; }
    std::string to_string() const;
};

// nullopt when text is neither a dotted quad nor an IPv6 address.
std::optional<IpAddress> parse_ip_address(const std::string& text);

// Whether the first `length` bits of `address` equal those of `prefix` (same family;
// a length beyond the address is clamped to it).
bool in_prefix(const IpAddress& address, const IpAddress& prefix, unsigned length);

}  // namespace netlens
