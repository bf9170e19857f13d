#include "iface/rtnl_names.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <utility>

namespace netlens::iface {

namespace {

template <typename T>
struct Named {
    T value;
    const char* name;
};

template <typename T, size_t N>
std::string lookup(const Named<T> (&table)[N], T value, std::string fallback) {
    for (const auto& entry : table) {
        if (entry.value == value) return entry.name;
    }
    return fallback;
}

template <typename T, size_t N>
std::vector<std::string> bits(const Named<T> (&table)[N], T value) {
    std::vector<std::string> names;
    for (const auto& entry : table) {
        if ((value & entry.value) != 0) names.emplace_back(entry.name);
    }
    return names;
}

constexpr Named<uint8_t> kOperstates[] = {
    {IF_OPER_UNKNOWN, "UNKNOWN"}, {IF_OPER_NOTPRESENT, "NOTPRESENT"}, {IF_OPER_DOWN, "DOWN"},
    {IF_OPER_LOWERLAYERDOWN, "LOWERLAYERDOWN"}, {IF_OPER_TESTING, "TESTING"},
    {IF_OPER_DORMANT, "DORMANT"}, {IF_OPER_UP, "UP"},
};

// In the order ip(8) prints them.
constexpr Named<uint32_t> kLinkFlags[] = {
    {IFF_LOOPBACK, "LOOPBACK"}, {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
    {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"}, {IFF_ALLMULTI, "ALLMULTI"},
    {IFF_PROMISC, "PROMISC"}, {IFF_MASTER, "MASTER"}, {IFF_SLAVE, "SLAVE"}, {IFF_DEBUG, "DEBUG"},
    {IFF_DYNAMIC, "DYNAMIC"}, {IFF_AUTOMEDIA, "AUTOMEDIA"}, {IFF_PORTSEL, "PORTSEL"},
    {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"}, {IFF_LOWER_UP, "LOWER_UP"},
    {IFF_DORMANT, "DORMANT"}, {IFF_ECHO, "ECHO"},
};

constexpr Named<uint16_t> kNeighbourStates[] = {
    {NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_REACHABLE, "REACHABLE"}, {NUD_STALE, "STALE"},
    {NUD_DELAY, "DELAY"}, {NUD_PROBE, "PROBE"}, {NUD_FAILED, "FAILED"}, {NUD_NOARP, "NOARP"},
    {NUD_PERMANENT, "PERMANENT"},
};

constexpr Named<uint8_t> kRouteTypes[] = {
    {RTN_UNSPEC, "none"}, {RTN_UNICAST, "unicast"}, {RTN_LOCAL, "local"},
    {RTN_BROADCAST, "broadcast"}, {RTN_ANYCAST, "anycast"}, {RTN_MULTICAST, "multicast"},
    {RTN_BLACKHOLE, "blackhole"}, {RTN_UNREACHABLE, "unreachable"}, {RTN_PROHIBIT, "prohibit"},
    {RTN_THROW, "throw"}, {RTN_NAT, "nat"}, {RTN_XRESOLVE, "xresolve"},
};

// ip's own table together with the reserved numbers of iproute2's rt_protos file.
constexpr Named<uint8_t> kRouteProtocols[] = {
    {RTPROT_UNSPEC, "unspec"}, {RTPROT_REDIRECT, "redirect"}, {RTPROT_KERNEL, "kernel"},
    {RTPROT_BOOT, "boot"}, {RTPROT_STATIC, "static"}, {RTPROT_GATED, "gated"}, {RTPROT_RA, "ra"},
    {RTPROT_MRT, "mrt"}, {RTPROT_ZEBRA, "zebra"}, {RTPROT_BIRD, "bird"}, {RTPROT_DNROUTED, "dnrouted"},
    {RTPROT_XORP, "xorp"}, {RTPROT_NTK, "ntk"}, {RTPROT_DHCP, "dhcp"}, {RTPROT_KEEPALIVED, "keepalived"},
    {RTPROT_BABEL, "babel"}, {RTPROT_OPENR, "openr"}, {RTPROT_BGP, "bgp"}, {RTPROT_ISIS, "isis"},
    {RTPROT_OSPF, "ospf"}, {RTPROT_RIP, "rip"}, {RTPROT_EIGRP, "eigrp"},
};

constexpr Named<uint8_t> kScopes[] = {
    {RT_SCOPE_UNIVERSE, "global"}, {RT_SCOPE_SITE, "site"}, {RT_SCOPE_LINK, "link"},
    {RT_SCOPE_HOST, "host"}, {RT_SCOPE_NOWHERE, "nowhere"},
};

constexpr Named<uint32_t> kTables[] = {
    {RT_TABLE_DEFAULT, "default"}, {RT_TABLE_MAIN, "main"}, {RT_TABLE_LOCAL, "local"},
};

}  // namespace

std::string operstate_name(uint8_t operstate) {
    return lookup(kOperstates, operstate, std::to_string(operstate));
}

std::vector<std::string> link_flag_names(uint32_t flags) { return bits(kLinkFlags, flags); }

std::vector<std::string> neighbour_state_names(uint16_t state) {
    if (state == NUD_NONE) return {"NONE"};
    return bits(kNeighbourStates, state);
}

std::string route_type_name(uint8_t type) { return lookup(kRouteTypes, type, std::to_string(type)); }
std::string route_protocol_name(uint8_t protocol) {
    return lookup(kRouteProtocols, protocol, std::to_string(protocol));
}
std::string scope_name(uint8_t scope) { return lookup(kScopes, scope, std::to_string(scope)); }
std::string route_table_name(uint32_t table) { return lookup(kTables, table, std::to_string(table)); }

std::string family_name(int family) {
    if (family == AF_INET) return "inet";
    if (family == AF_INET6) return "inet6";
    return std::to_string(family);
}

std::string format_ip(int family, std::span<const uint8_t> bytes) {
    char text[INET6_ADDRSTRLEN] = {};
    if (family == AF_INET && bytes.size() == 4) return inet_ntop(AF_INET, bytes.data(), text, sizeof(text));
    if (family == AF_INET6 && bytes.size() == 16) return inet_ntop(AF_INET6, bytes.data(), text, sizeof(text));
    return "";
}

std::string format_mac(std::span<const uint8_t> bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) text += ':';
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0xF];
    }
    return text;
}

}  // namespace netlens::iface
