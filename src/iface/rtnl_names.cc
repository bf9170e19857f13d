#include "iface/rtnl_names.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "iface/ip_names.h"
#include "iface/named_table.h"

namespace netlens::iface {

namespace {

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

constexpr Named<uint8_t> kNeighbourFlags[] = {
    {NTF_ROUTER, "router"}, {NTF_PROXY, "proxy"}, {NTF_EXT_LEARNED, "extern_learn"}, {NTF_OFFLOADED, "offload"},
};

// In ip addr's order. IFA_F_PERMANENT and IFA_F_SECONDARY have rules of their own.
constexpr Named<uint32_t> kAddressFlags[] = {
    {IFA_F_NODAD, "nodad"}, {IFA_F_OPTIMISTIC, "optimistic"}, {IFA_F_DADFAILED, "dadfailed"},
    {IFA_F_HOMEADDRESS, "home"}, {IFA_F_DEPRECATED, "deprecated"}, {IFA_F_TENTATIVE, "tentative"},
    {IFA_F_PERMANENT, "dynamic"}, {IFA_F_MANAGETEMPADDR, "mngtmpaddr"}, {IFA_F_NOPREFIXROUTE, "noprefixroute"},
    {IFA_F_MCAUTOJOIN, "autojoin"}, {IFA_F_STABLE_PRIVACY, "stable-privacy"},
};

// ll_type_n2a's names; types it does not know print as "[N]".
constexpr Named<uint16_t> kLinkTypes[] = {
    {ARPHRD_NETROM, "netrom"}, {ARPHRD_ETHER, "ether"}, {ARPHRD_EETHER, "eether"}, {ARPHRD_AX25, "ax25"},
    {ARPHRD_PRONET, "pronet"}, {ARPHRD_CHAOS, "chaos"}, {ARPHRD_IEEE802, "ieee802"}, {ARPHRD_ARCNET, "arcnet"},
    {ARPHRD_APPLETLK, "atalk"}, {ARPHRD_DLCI, "dlci"}, {ARPHRD_ATM, "atm"}, {ARPHRD_METRICOM, "metricom"},
    {ARPHRD_IEEE1394, "ieee1394"}, {ARPHRD_INFINIBAND, "infiniband"}, {ARPHRD_SLIP, "slip"},
    {ARPHRD_CSLIP, "cslip"}, {ARPHRD_SLIP6, "slip6"}, {ARPHRD_CSLIP6, "cslip6"}, {ARPHRD_RSRVD, "rsrvd"},
    {ARPHRD_ADAPT, "adapt"}, {ARPHRD_ROSE, "rose"}, {ARPHRD_X25, "x25"}, {ARPHRD_HWX25, "hwx25"},
    {ARPHRD_CAN, "can"}, {ARPHRD_PPP, "ppp"}, {ARPHRD_HDLC, "hdlc"}, {ARPHRD_LAPB, "lapb"},
    {ARPHRD_DDCMP, "ddcmp"}, {ARPHRD_RAWHDLC, "rawhdlc"}, {ARPHRD_TUNNEL, "ipip"}, {ARPHRD_TUNNEL6, "tunnel6"},
    {ARPHRD_FRAD, "frad"}, {ARPHRD_SKIP, "skip"}, {ARPHRD_LOOPBACK, "loopback"}, {ARPHRD_LOCALTLK, "ltalk"},
    {ARPHRD_FDDI, "fddi"}, {ARPHRD_BIF, "bif"}, {ARPHRD_SIT, "sit"}, {ARPHRD_IPDDP, "ip/ddp"},
    {ARPHRD_IPGRE, "gre"}, {ARPHRD_PIMREG, "pimreg"}, {ARPHRD_HIPPI, "hippi"}, {ARPHRD_ASH, "ash"},
    {ARPHRD_ECONET, "econet"}, {ARPHRD_IRDA, "irda"}, {ARPHRD_FCPP, "fcpp"}, {ARPHRD_FCAL, "fcal"},
    {ARPHRD_FCPL, "fcpl"}, {ARPHRD_FCFABRIC, "fcfb0"}, {ARPHRD_IEEE802_TR, "tr"},
    {ARPHRD_IEEE80211, "ieee802.11"}, {ARPHRD_IEEE80211_PRISM, "ieee802.11/prism"},
    {ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap"}, {ARPHRD_IEEE802154, "ieee802.15.4"},
    {ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor"}, {ARPHRD_PHONET, "phonet"},
    {ARPHRD_PHONET_PIPE, "phonet_pipe"}, {ARPHRD_CAIF, "caif"}, {ARPHRD_IP6GRE, "gre6"},
    {ARPHRD_NETLINK, "netlink"}, {ARPHRD_6LOWPAN, "6lowpan"}, {ARPHRD_NONE, "none"}, {ARPHRD_VOID, "void"},
};

constexpr Named<uint8_t> kLinkModes[] = {{IF_LINK_MODE_DEFAULT, "DEFAULT"}, {IF_LINK_MODE_DORMANT, "DORMANT"}};

constexpr Named<uint8_t> kRouteTypes[] = {
    {RTN_UNSPEC, "none"}, {RTN_UNICAST, "unicast"}, {RTN_LOCAL, "local"},
    {RTN_BROADCAST, "broadcast"}, {RTN_ANYCAST, "anycast"}, {RTN_MULTICAST, "multicast"},
    {RTN_BLACKHOLE, "blackhole"}, {RTN_UNREACHABLE, "unreachable"}, {RTN_PROHIBIT, "prohibit"},
    {RTN_THROW, "throw"}, {RTN_NAT, "nat"}, {RTN_XRESOLVE, "xresolve"},
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

std::vector<std::string> neighbour_flag_names(uint8_t flags, uint32_t extended_flags) {
    auto names = bits(kNeighbourFlags, flags);
    // ip prints "managed" between proxy and extern_learn.
    if ((extended_flags & NTF_EXT_MANAGED) != 0) {
        const auto after_proxy = std::find(names.begin(), names.end(), "extern_learn");
        names.insert(after_proxy, "managed");
    }
    return names;
}

std::vector<std::string> address_flag_names(uint32_t flags, int family) {
    std::vector<std::string> names;
    if ((flags & IFA_F_SECONDARY) != 0) names.emplace_back(family == AF_INET6 ? "temporary" : "secondary");
    for (const auto& entry : kAddressFlags) {
        // "dynamic" is the absence of IFA_F_PERMANENT.
        const bool set = (flags & entry.value) != 0;
        if (entry.value == IFA_F_PERMANENT ? !set : set) names.emplace_back(entry.name);
    }
    uint32_t named = IFA_F_SECONDARY;
    for (const auto& entry : kAddressFlags) named |= entry.value;
    if (const uint32_t rest = flags & ~named; rest != 0) {
        char text[16];
        std::snprintf(text, sizeof(text), "0x%x", rest);
        names.emplace_back(text);
    }
    return names;
}

std::string link_type_name(uint16_t type) { return lookup(kLinkTypes, type, "[" + std::to_string(type) + "]"); }
std::string linkmode_name(uint8_t mode) { return lookup(kLinkModes, mode, std::to_string(mode)); }
std::string group_name(uint32_t group) { return IpNames().group(group); }

std::string route_type_name(uint8_t type) { return lookup(kRouteTypes, type, std::to_string(type)); }
std::string route_protocol_name(uint8_t protocol) { return IpNames().protocol(protocol); }
std::string scope_name(uint8_t scope) { return IpNames().scope(scope); }
std::string route_table_name(uint32_t table) { return IpNames().table(table); }

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
