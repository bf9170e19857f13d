// Hand-built pieces of an iface snapshot (links, addresses, routes, neighbours), shared
// by the tests of link and route findings and the finding schema test.
#pragma once

#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <string>

#include "iface/counter_delta.h"
#include "iface/snapshot.h"

namespace netlens::iface::test_support {

inline Link make_link(int ifindex, const std::string& name, uint32_t flags) {
    Link link;
    link.ifindex = ifindex;
    link.name = name;
    link.flags = flags;
    link.operstate = (flags & IFF_LOWER_UP) != 0 ? IF_OPER_UP : IF_OPER_DOWN;
    return link;
}

inline Address make_address(int family, const std::string& local, uint8_t scope = RT_SCOPE_UNIVERSE) {
    Address address;
    address.family = family;
    address.local = local;
    address.scope = scope;
    return address;
}

// A unicast default route in the main table.
inline Route default_route(int family, const std::string& gateway, int oif = 2) {
    Route route;
    route.family = family;
    route.type = RTN_UNICAST;
    route.table = RT_TABLE_MAIN;
    route.gateway = gateway;
    route.oif = oif;
    return route;
}

inline Neighbour neighbour(int family, const std::string& destination, uint16_t state, int ifindex = 2) {
    Neighbour entry;
    entry.family = family;
    entry.destination = destination;
    entry.state = state;
    entry.ifindex = ifindex;
    return entry;
}

// lo and eth0 (ifindex 2) with 192.0.2.10/24 and a link-local IPv6 address.
inline Snapshot host() {
    Snapshot snapshot;
    Link lo = make_link(1, "lo", IFF_UP | IFF_LOOPBACK | IFF_LOWER_UP);
    lo.addresses = {make_address(AF_INET, "127.0.0.1", RT_SCOPE_HOST), make_address(AF_INET6, "::1", RT_SCOPE_HOST)};
    Link eth0 = make_link(2, "eth0", IFF_UP | IFF_LOWER_UP);
    eth0.addresses = {make_address(AF_INET, "192.0.2.10"), make_address(AF_INET6, "fe80::1", RT_SCOPE_LINK)};
    snapshot.links = {lo, eth0};
    return snapshot;
}

inline LinkDelta delta_for(int ifindex, const std::string& name) {
    LinkDelta delta;
    delta.ifindex = ifindex;
    delta.name = name;
    delta.interval_s = 2;
    return delta;
}

}  // namespace netlens::iface::test_support
