// Matching a parsed filter against one socket record: ss's user-space matcher
// (run_ssfilter in iproute2 6.1 misc/ss.c), term by term, including where it differs
// from the kernel's bytecode:
//  - addresses are compared as raw bits without looking at the family (an IPv4 socket
//    is its 4 bytes followed by zeros), and an IPv4 pattern also matches an
//    IPv4-mapped IPv6 address; the kernel insists on the family;
//  - a host name matches every address it resolved to; the kernel gets the first;
//  - `autobound` means a port inside ip_local_port_range; the kernel asks whether the
//    port was bound explicitly;
//  - UNIX sockets have their inode as local port and their peer's inode as remote
//    port, their name as local address and no remote address; HOST globs are matched
//    with fnmatch, ignoring case;
//  - packet and netlink sockets have their protocol number as the first word of their
//    local address, and interface index / port id as local port (see port_of).
// Callers keep a socket only when the kernel program (bytecode.cc) kept it too, as ss
// does, so the results are ss's also where the two matchers disagree.
#include <arpa/inet.h>
#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <span>

#include "sockets/diag/diag_query.h"
#include "sockets/filter/filter.h"

namespace netlens::sockets {
namespace {

const Endpoint& endpoint_of(const Socket& socket, Side side) {
    return side == Side::local ? socket.local : socket.peer;
}

// The port ss compares: an int holding the port, or a UNIX socket's (peer) inode.
// Packet sockets have their interface index as local port and 0 as remote one; netlink
// sockets their port id and -1.
int32_t port_of(const Socket& socket, Side side) {
    if (is_unix(socket.protocol)) {
        return static_cast<int32_t>(static_cast<uint32_t>(side == Side::local ? socket.inode : socket.peer_inode));
    }
    if (socket.packet) return side == Side::local ? static_cast<int32_t>(socket.local.scope_ifindex) : 0;
    if (socket.netlink) return side == Side::local ? socket.netlink->port_id : -1;
    return endpoint_of(socket, side).port;
}

// ss's inet_prefix data: 16 bytes, an IPv4 address in the first 4, zeros after.
std::array<uint8_t, 16> raw_bytes(const IpAddress& address) {
    std::array<uint8_t, 16> bytes{};
    std::copy_n(address.bytes.begin(), std::min<size_t>(address.size(), 16), bytes.begin());
    return bytes;
}

// Whether the first `bits` bits agree (bits <= 128).
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

// ss's inet2_addr_match, true on a match.
bool address_matches(const IpAddress& actual, const IpAddress& wanted, unsigned bits) {
    bits = std::min(bits, 128U);
    const auto actual_bytes = raw_bytes(actual);
    const auto wanted_bytes = raw_bytes(wanted);
    if (prefix_equal(actual_bytes, wanted_bytes, bits)) return true;
    if (wanted.family == AF_INET && is_v4_mapped(actual)) {
        return prefix_equal(std::span(actual.bytes).subspan(12), wanted_bytes, std::min(bits, 32U));
    }
    return false;
}

bool is_ephemeral(int32_t port, const MatchContext& context) {
    return port >= 0 && static_cast<uint32_t>(port) >= context.ephemeral_low &&
           static_cast<uint32_t>(port) <= context.ephemeral_high;
}

// A name the kernel picked for an unbound UNIX socket: '@' and five hex digits.
bool is_autobind_name(const std::string& name) {
    return name.size() == 6 && name[0] == '@' &&
           std::all_of(name.begin() + 1, name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool autobound(const Socket& socket, const MatchContext& context) {
    if (is_unix(socket.protocol)) return socket.local.path.empty() || is_autobind_name(socket.local.path);
    // ss's tests: a packet socket bound to no interface and no protocol; a netlink
    // socket with a port id the kernel picked (negative).
    if (socket.packet) return socket.local.scope_ifindex == 0 && socket.packet->ethernet_protocol == 0;
    if (socket.netlink) return socket.netlink->port_id < 0;
    return is_ephemeral(socket.local.port, context);
}

uint64_t device_index(const FilterNode& node, const MatchContext& context) {
    const auto found = context.device_indexes.find(node.device);
    return found != context.device_indexes.end() ? found->second : node.number;
}

bool node_matches(const FilterNode& node, const Socket& socket, const MatchContext& context) {
    switch (node.kind) {
        case FilterNode::Kind::host: return host_matches(node.host, socket, node.side);
        case FilterNode::Kind::port_ge: return port_of(socket, node.side) >= node.host.port;
        case FilterNode::Kind::port_le: return port_of(socket, node.side) <= node.host.port;
        case FilterNode::Kind::device: return socket.local.scope_ifindex == device_index(node, context);
        // Absent attributes count as 0, as in ss.
        case FilterNode::Kind::mark: return (socket.mark.value_or(0) & node.mask) == node.number;
        case FilterNode::Kind::cgroup: return socket.cgroup_id.value_or(0) == node.number;
        case FilterNode::Kind::autobound: return autobound(socket, context);
        case FilterNode::Kind::all_of:
            return std::all_of(node.children.begin(), node.children.end(),
                               [&](const FilterNode& child) { return node_matches(child, socket, context); });
        case FilterNode::Kind::any_of:
            return std::any_of(node.children.begin(), node.children.end(),
                               [&](const FilterNode& child) { return node_matches(child, socket, context); });
        case FilterNode::Kind::negate:
            return !node.children.empty() && !node_matches(node.children.front(), socket, context);
    }
    return false;
}

int family_of(const Socket& socket) {
    return is_unix(socket.protocol) ? AF_UNIX : socket.local.address.family;
}

}  // namespace

bool host_matches(const HostPattern& pattern, const Socket& socket, Side side) {
    if (pattern.family == AF_UNIX) {
        // ss has no peer name for sockets read over netlink: the remote side is "".
        const std::string empty;
        const std::string& name = is_unix(socket.protocol) && side == Side::local ? socket.local.path : empty;
        return fnmatch(pattern.unix_glob.c_str(), name.c_str(), FNM_CASEFOLD) == 0;
    }
    if (pattern.port != -1 && pattern.port != port_of(socket, side)) return false;
    if (pattern.prefix_len == 0) return true;
    // ss compares a UNIX socket's name pointer here, which never equals an address.
    if (is_unix(socket.protocol)) return false;
    const IpAddress& actual = endpoint_of(socket, side).address;
    for (size_t i = 0; i < pattern.addresses.size(); ++i) {
        const IpAddress& wanted = pattern.addresses[i];
        // Addresses after the first come from host names and are compared whole.
        const unsigned bits = i == 0 ? pattern.prefix_len : static_cast<unsigned>(wanted.size() * 8);
        if (address_matches(actual, wanted, bits)) return true;
    }
    return false;
}

bool Filter::matches(const Socket& socket, const MatchContext& context) const {
    if (only_family && *only_family != family_of(socket)) return false;
    return !expression || node_matches(*expression, socket, context);
}

}  // namespace netlens::sockets
