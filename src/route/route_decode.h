// Decoders from rtnetlink route and nexthop-object messages (RTM_NEWROUTE,
// RTM_NEWNEXTHOP) to plain records. They read outside bytes, so each checks every length
// and returns nullopt for a message it cannot make sense of; a malformed part inside a
// message (a multipath entry longer than its attribute) ends that part only.
#pragma once

#include <libmnl/libmnl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "iface/model.h"

namespace netlens::iface {

std::optional<Route> decode_route(const nlmsghdr* message);

// A member of a nexthop group: its id and weight (1..256, as ip prints it).
struct NexthopGroupMember {
    uint32_t id = 0;
    int weight = 1;
};

// A nexthop object (ip nexthop): a gateway and device, a blackhole, or a group of others.
struct Nexthop {
    uint32_t id = 0;
    int family = 0;
    uint8_t scope = 0;
    uint8_t protocol = 0;
    uint32_t flags = 0;       // RTNH_F_*
    std::string gateway;
    int oif = 0;
    bool blackhole = false;
    bool fdb = false;
    uint16_t group_type = 0;  // NEXTHOP_GRP_TYPE_*
    std::vector<NexthopGroupMember> group;
};

std::optional<Nexthop> decode_nexthop(const nlmsghdr* message);

}  // namespace netlens::iface
