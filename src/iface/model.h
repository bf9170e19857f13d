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

// The u32 attributes of a link that ip -d link prints as plain numbers, each absent
// when the kernel did not send it. Decoded and written to JSON through one table
// (kLinkNumberFields in link_numbers.h).
struct LinkNumbers {
    std::optional<uint32_t> group;
    std::optional<uint32_t> txqlen;
    std::optional<uint32_t> min_mtu;
    std::optional<uint32_t> max_mtu;
    std::optional<uint32_t> promiscuity;
    std::optional<uint32_t> allmulti;
    std::optional<uint32_t> num_tx_queues;
    std::optional<uint32_t> num_rx_queues;
    std::optional<uint32_t> gso_max_size;
    std::optional<uint32_t> gso_max_segs;
    std::optional<uint32_t> tso_max_size;
    std::optional<uint32_t> tso_max_segs;
    std::optional<uint32_t> gro_max_size;
};

struct Address {
    int ifindex = 0;
    int family = 0;          // AF_INET or AF_INET6
    std::string local;       // the address itself ("10.0.0.1")
    std::string peer;        // point-to-point peer when different from local
    std::string broadcast;
    std::string anycast;
    uint8_t prefix_length = 0;
    uint8_t scope = 0;       // RT_SCOPE_*
    std::string label;
    uint32_t flags = 0;      // IFA_F_*: the 32-bit IFA_FLAGS when sent, else ifa_flags
    std::optional<uint32_t> metric;  // IFA_RT_PRIORITY
    // Seconds left, from IFA_CACHEINFO; kInfiniteLifetime for "forever".
    std::optional<uint32_t> valid_lifetime_s;
    std::optional<uint32_t> preferred_lifetime_s;
};

inline constexpr uint32_t kInfiniteLifetime = 0xFFFFFFFF;  // INFINITY_LIFE_TIME

// What the ethtool netlink family and the ETHTOOL_GDRVINFO ioctl say about a link.
// A query the driver does not answer (loopback has no link modes) leaves its fields
// empty, as ethtool leaves their lines out.
struct EthtoolLink {
    // ETHTOOL_MSG_LINKMODES_GET
    std::optional<uint32_t> speed_mbps;  // as sent; is_unknown_speed() tells SPEED_UNKNOWN
    std::optional<uint8_t> duplex;       // DUPLEX_HALF, DUPLEX_FULL, DUPLEX_UNKNOWN
    std::optional<uint8_t> autoneg;      // AUTONEG_DISABLE / AUTONEG_ENABLE
    // ETHTOOL_MSG_LINKINFO_GET
    std::optional<uint8_t> port;         // PORT_TP, PORT_FIBRE, ...
    std::optional<uint8_t> phy_address;
    std::optional<uint8_t> transceiver;  // XCVR_INTERNAL / XCVR_EXTERNAL
    std::optional<uint8_t> mdix;         // ETH_TP_MDI*
    std::optional<uint8_t> mdix_ctrl;
    // ETHTOOL_MSG_LINKSTATE_GET
    std::optional<bool> link_detected;
    // ETHTOOL_GDRVINFO (ethtool -i)
    std::optional<std::string> driver;
    std::string driver_version;
    std::string firmware_version;
    std::string expansion_rom_version;
    std::string bus_info;
};

struct Link {
    int ifindex = 0;
    std::string name;
    std::string kind;        // "veth", "bridge"; empty for plain devices
    uint16_t type = 0;       // ARPHRD_*
    uint8_t operstate = 0;   // IF_OPER_*
    uint32_t flags = 0;      // IFF_*
    std::optional<bool> carrier;
    uint32_t mtu = 0;
    int master_ifindex = 0;
    int link_ifindex = 0;    // veth peer or lower device
    std::string mac;
    std::string broadcast;   // the link-layer broadcast (or point-to-point peer) address
    std::string permanent_mac;  // IFLA_PERM_ADDRESS
    std::string qdisc;
    std::string alias;       // IFLA_IFALIAS
    std::optional<uint8_t> linkmode;   // IF_LINK_MODE_*
    std::optional<int32_t> link_netnsid;
    std::optional<bool> proto_down;
    std::vector<std::string> altnames;
    std::string parent_bus;
    std::string parent_device;
    LinkNumbers numbers;     // group, txqlen, min/max MTU, queues, GSO/GRO limits
    std::optional<rtnl_link_stats64> stats;
    std::vector<Address> addresses;          // joined in by the snapshot
    std::vector<NicCounter> nic_counters;    // non-zero drop/error driver counters
    std::optional<EthtoolLink> ethtool;      // read when asked for
};

struct Neighbour {
    int ifindex = 0;
    int family = 0;
    std::string destination;
    std::string lladdr;
    uint16_t state = 0;      // NUD_*
    uint8_t flags = 0;       // NTF_*
    uint32_t extended_flags = 0;  // NDA_FLAGS_EXT: NTF_EXT_*
    uint8_t protocol = 0;    // NDA_PROTOCOL, RTPROT_*; 0 when not sent
};

// A route's lightweight tunnel (RTA_ENCAP_TYPE, RTA_ENCAP): what `ip route` prints after
// "encap TYPE". The fields of the types decoded here; other types keep only `type`.
struct RouteEncap {
    uint16_t type = 0;               // LWTUNNEL_ENCAP_*
    bool decoded = false;            // a type whose attributes are decoded
    // ip / ip6: the tunnel key
    std::optional<uint64_t> id;
    std::string source;
    std::string destination;
    std::optional<uint8_t> ttl;      // ip6: hoplimit; mpls: ttl
    std::optional<uint8_t> tos;      // ip6: tc
    std::optional<uint16_t> tunnel_flags;  // TUNNEL_KEY / CSUM / SEQ, as sent (big-endian bits)
    // mpls: the label stack, "100/200"
    std::string labels;
    // seg6: the mode and the segments in ip's order (last to first), an HMAC key id
    std::optional<int32_t> seg6_mode;
    std::vector<std::string> segments;
    std::optional<uint32_t> hmac_key_id;
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
    std::optional<RouteEncap> encap;  // a multipath entry's own RTA_ENCAP
    std::optional<uint32_t> flow;     // a multipath entry's own RTA_FLOW (realms)
};

// One RTA_METRICS entry (RTAX_*), as the kernel holds it: rtt in 1/8 ms, rttvar in 1/4 ms.
struct RouteMetric {
    uint16_t type = 0;
    uint32_t value = 0;
    std::string congestion;  // RTAX_CC_ALGO carries a name instead of a number
    bool locked = false;     // RTAX_LOCK has this metric's bit
};

// RTA_CACHEINFO, as ip prints it: times in seconds (the kernel counts clock ticks).
struct RouteCacheInfo {
    int64_t expires_s = 0;
    uint32_t error = 0;
    uint32_t users = 0;      // rta_clntref
    uint32_t used = 0;
    uint32_t age_s = 0;      // rta_lastuse
    uint32_t ipid = 0;       // rta_id
    uint32_t ts = 0;
    uint32_t tsage_s = 0;
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
    std::optional<RouteCacheInfo> cache_info;  // RTA_CACHEINFO
    std::optional<uint32_t> flow;         // RTA_FLOW: realms, from << 16 | to
    std::optional<RouteEncap> encap;
    std::vector<RouteMetric> metrics;
    std::vector<RouteNexthop> nexthops;   // RTA_MULTIPATH, in the kernel's order
    // The nexthop object's ways out, when the kernel sent only the id (nexthop compat
    // mode off): filled from the nexthop table, not from the route message.
    std::vector<RouteNexthop> resolved_nexthops;
};

}  // namespace netlens::iface
