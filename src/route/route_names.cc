#include "route/route_names.h"

#include <linux/icmpv6.h>
#include <linux/in_route.h>
#include <linux/rtnetlink.h>

namespace netlens::route {

namespace {

struct NamedBit {
    uint32_t bit;  // a flag bit, or a number for kMetricNames
    const char* name;
};

// In the order ip(8) prints them (print_rt_flags).
constexpr NamedBit kRouteFlags[] = {
    {RTNH_F_DEAD, "dead"}, {RTNH_F_ONLINK, "onlink"}, {RTNH_F_PERVASIVE, "pervasive"},
    {RTNH_F_OFFLOAD, "offload"}, {RTNH_F_TRAP, "trap"}, {RTM_F_NOTIFY, "notify"},
    {RTNH_F_LINKDOWN, "linkdown"}, {RTNH_F_UNRESOLVED, "unresolved"}, {RTM_F_OFFLOAD, "rt_offload"},
    {RTM_F_TRAP, "rt_trap"}, {RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
};

// In the order ip(8) prints them (print_cache_flags).
constexpr NamedBit kCacheFlags[] = {
    {RTCF_LOCAL, "local"}, {RTCF_REJECT, "reject"}, {RTCF_MULTICAST, "mc"}, {RTCF_BROADCAST, "brd"},
    {RTCF_DNAT, "dst-nat"}, {RTCF_SNAT, "src-nat"}, {RTCF_MASQ, "masq"}, {RTCF_DIRECTDST, "dst-direct"},
    {RTCF_DIRECTSRC, "src-direct"}, {RTCF_REDIRECTED, "redirected"}, {RTCF_DOREDIRECT, "redirect"},
    {RTCF_FAST, "fastroute"}, {RTCF_NOTIFY, "notify"}, {RTCF_TPROXY, "proxy"},
};

constexpr NamedBit kMetricNames[] = {
    {RTAX_MTU, "mtu"}, {RTAX_WINDOW, "window"}, {RTAX_RTT, "rtt"}, {RTAX_RTTVAR, "rttvar"},
    {RTAX_SSTHRESH, "ssthresh"}, {RTAX_CWND, "cwnd"}, {RTAX_ADVMSS, "advmss"},
    {RTAX_REORDERING, "reordering"}, {RTAX_HOPLIMIT, "hoplimit"}, {RTAX_INITCWND, "initcwnd"},
    {RTAX_FEATURES, "features"}, {RTAX_RTO_MIN, "rto_min"}, {RTAX_INITRWND, "initrwnd"},
    {RTAX_QUICKACK, "quickack"}, {RTAX_CC_ALGO, "congctl"}, {RTAX_FASTOPEN_NO_COOKIE, "fastopen_no_cookie"},
};

template <size_t N>
std::vector<std::string> bit_names(const NamedBit (&table)[N], uint32_t flags) {
    std::vector<std::string> names;
    for (const auto& entry : table) {
        if ((flags & entry.bit) != 0) names.emplace_back(entry.name);
    }
    return names;
}

}  // namespace

std::vector<std::string> route_flag_names(uint32_t flags) { return bit_names(kRouteFlags, flags); }

// The lower 16 bits of an IPv4 cache entry's flags are the rtm_flags; RTCF_* live above.
std::vector<std::string> cache_flag_names(uint32_t flags) { return bit_names(kCacheFlags, flags & ~0xFFFFU); }

std::string metric_name(uint16_t type) {
    for (const auto& entry : kMetricNames) {
        if (entry.bit == type) return entry.name;
    }
    return "metric " + std::to_string(type);
}

std::string preference_name(uint8_t preference) {
    switch (preference) {
        case ICMPV6_ROUTER_PREF_LOW: return "low";
        case ICMPV6_ROUTER_PREF_MEDIUM: return "medium";
        case ICMPV6_ROUTER_PREF_HIGH: return "high";
        default: return std::to_string(preference);
    }
}

}  // namespace netlens::route
