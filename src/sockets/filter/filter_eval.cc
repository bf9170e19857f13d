// Matching a parsed filter against one socket record. Semantics follow ss as observed
// on live sockets (iproute2 6.1):
//  - an IPv4 pattern also matches an IPv4-mapped IPv6 address (::ffff:a.b.c.d), so
//    `src 127.0.0.1` finds connections accepted on a dual-stack listener; an IPv6
//    pattern never matches an IPv4 socket, and 0.0.0.0/0 does not match native IPv6;
//  - a pattern's port, when given, must equal the endpoint's port;
//  - address patterns never match UNIX sockets (family 0) unless they are "*".
// The kernel's inet_diag bytecode makes the same choices, which bytecode.cc relies on.
#include <arpa/inet.h>

#include <algorithm>
#include <span>

#include "sockets/filter/filter.h"

namespace netlens::sockets {
namespace {

bool compare_port(uint16_t actual, Compare compare, uint16_t wanted) {
    switch (compare) {
        case Compare::eq: return actual == wanted;
        case Compare::ne: return actual != wanted;
        case Compare::lt: return actual < wanted;
        case Compare::le: return actual <= wanted;
        case Compare::gt: return actual > wanted;
        case Compare::ge: return actual >= wanted;
    }
    return false;
}

const Endpoint& endpoint_of(const Socket& socket, Side side) {
    return side == Side::local ? socket.local : socket.peer;
}

// Whether the first `bits` bits agree; both spans hold at least bits/8 rounded up bytes.
bool prefix_equal(std::span<const uint8_t> a, std::span<const uint8_t> b, unsigned bits) {
    const size_t whole = bits / 8;
    if (!std::equal(a.begin(), a.begin() + static_cast<long>(whole), b.begin())) return false;
    const unsigned rest = bits % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<uint8_t>(0xFF00U >> rest);
    return ((a[whole] ^ b[whole]) & mask) == 0;
}

bool is_v4_mapped(const IpAddress& address) {
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    return address.family == AF_INET6 && std::equal(kMapped, kMapped + 12, address.bytes.begin());
}

bool node_matches(const FilterNode& node, const Socket& socket) {
    switch (node.kind) {
        case FilterNode::Kind::port:
            return compare_port(endpoint_of(socket, node.side).port, node.compare, node.port);
        case FilterNode::Kind::host:
            return host_matches(node.host, endpoint_of(socket, node.side));
        case FilterNode::Kind::all_of:
            return std::all_of(node.children.begin(), node.children.end(),
                               [&](const FilterNode& child) { return node_matches(child, socket); });
        case FilterNode::Kind::any_of:
            return std::any_of(node.children.begin(), node.children.end(),
                               [&](const FilterNode& child) { return node_matches(child, socket); });
        case FilterNode::Kind::negate:
            return !node.children.empty() && !node_matches(node.children.front(), socket);
    }
    return false;
}

}  // namespace

bool host_matches(const HostPattern& pattern, const Endpoint& endpoint) {
    if (pattern.port && *pattern.port != endpoint.port) return false;
    if (!pattern.address) return true;
    const IpAddress& wanted = *pattern.address;
    const IpAddress& actual = endpoint.address;
    // Clamped so a hand-built pattern with too long a prefix cannot read past the address.
    const unsigned bits = std::min<unsigned>(pattern.prefix_len, static_cast<unsigned>(wanted.size() * 8));
    if (wanted.family == actual.family && (actual.family == AF_INET || actual.family == AF_INET6)) {
        return prefix_equal(actual.view(), wanted.view(), bits);
    }
    if (wanted.family == AF_INET && is_v4_mapped(actual)) {
        return prefix_equal(std::span(actual.bytes).subspan(12), wanted.view(), bits);
    }
    return false;
}

bool Filter::matches(const Socket& socket) const {
    return !expression || node_matches(*expression, socket);
}

}  // namespace netlens::sockets
