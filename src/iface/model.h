// Plain records for what rtnetlink and ethtool tell about the L1-L3 state of a host:
// links, addresses, neighbours and routes. Decoders fill them; printers read them.
#pragma once

#include <linux/if_link.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netlens::iface {

// A NIC driver counter from ethtool -S, e.g. {"rx_queue_0_drops", 12}.
struct NicCounter {
    std::string name;
    uint64_t value = 0;
};

struct Address {
    int ifindex = 0;
    int family = 0;          // AF_INET or AF_INET6
    std::string local;       // the address itself ("10.0.0.1")
    std::string peer;        // point-to-point peer when different from local
    std::string broadcast;
    uint8_t prefix_length = 0;
    uint8_t scope = 0;       // RT_SCOPE_*
    std::string label;
    uint32_t flags = 0;      // IFA_F_*
};

struct Link {
    int ifindex = 0;
    std::string name;
    std::string kind;        // "veth", "bridge"; empty for plain devices
    uint8_t operstate = 0;   // IF_OPER_*
    uint32_t flags = 0;      // IFF_*
    std::optional<bool> carrier;
    uint32_t mtu = 0;
    int master_ifindex = 0;
    int link_ifindex = 0;    // veth peer or lower device
    std::string mac;
    std::string qdisc;
    std::optional<rtnl_link_stats64> stats;
    std::vector<Address> addresses;          // joined in by the snapshot
    std::vector<NicCounter> nic_counters;    // non-zero drop/error driver counters
};

struct Neighbour {
    int ifindex = 0;
    int family = 0;
    std::string destination;
    std::string lladdr;
    uint16_t state = 0;      // NUD_*
    uint8_t flags = 0;       // NTF_*
};

// One way out of a route: an entry of RTA_MULTIPATH, a member of a nexthop group, or
// the gateway and device of a plain route.
struct RouteNexthop {
    std::string gateway;     // RTA_GATEWAY, in the route's family
    int via_family = 0;      // RTA_VIA: a gateway of another family (IPv4 via IPv6)
    std::string via;
    int oif = 0;
    int weight = 1;          // rtnh_hops + 1, as ip prints it
    uint32_t flags = 0;      // RTNH_F_*
    uint32_t nexthop_id = 0; // the nexthop object it came from, if any
};

// One RTA_METRICS entry (RTAX_*), as the kernel holds it: rtt in 1/8 ms, rttvar in 1/4 ms.
struct RouteMetric {
    uint16_t type = 0;
    uint32_t value = 0;
    std::string congestion;  // RTAX_CC_ALGO carries a name instead of a number
    bool locked = false;     // RTAX_LOCK has this metric's bit
};

struct Route {
    int family = 0;
    uint8_t type = 0;        // RTN_*
    uint32_t table = 0;
    uint8_t protocol = 0;    // RTPROT_*
    uint8_t scope = 0;       // RT_SCOPE_*
    uint8_t tos = 0;
    std::string destination; // empty for the default route
    uint8_t destination_length = 0;
    std::string source;      // "from" selector
    uint8_t source_length = 0;
    std::string gateway;
    int via_family = 0;      // RTA_VIA
    std::string via;
    std::string preferred_source;
    int oif = 0;
    int iif = 0;
    std::optional<uint32_t> metric;
    uint32_t flags = 0;      // RTM_F_* / RTNH_F_*
    std::optional<uint32_t> nexthop_id;   // RTA_NH_ID: the route uses a nexthop object
    std::optional<uint8_t> preference;    // RTA_PREF (IPv6 router preference)
    std::optional<uint32_t> mark;         // RTA_MARK (route get)
    std::optional<uint32_t> uid;          // RTA_UID (route get)
    std::optional<int64_t> expires_s;     // RTA_CACHEINFO, when it expires
    uint32_t cache_error = 0;             // RTA_CACHEINFO rta_error
    std::vector<RouteMetric> metrics;
    std::vector<RouteNexthop> nexthops;   // RTA_MULTIPATH, in the kernel's order
    // The nexthop object's ways out, when the kernel sent only the id (nexthop compat
    // mode off): filled from the nexthop table, not from the route message.
    std::vector<RouteNexthop> resolved_nexthops;
};

}  // namespace netlens::iface
