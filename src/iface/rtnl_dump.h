// rtnetlink dump requests for links, addresses, neighbours and routes in the current
// namespace, decoded into model records. A message that cannot be decoded is never
// dropped silently: it is counted into `diagnosis` as damage (the command exits 3).
#pragma once

#include <functional>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "iface/model.h"
#include "netlink/channel.h"
#include "route/route_decode.h"

namespace netlens::iface {

Result<std::vector<Link>> dump_links(netlink::Channel& socket, Diagnosis& diagnosis);  // sorted by ifindex
Result<std::vector<Address>> dump_addresses(netlink::Channel& socket, Diagnosis& diagnosis);
Result<std::vector<Neighbour>> dump_neighbours(netlink::Channel& socket, Diagnosis& diagnosis);
// Addresses answered for by proxy ARP / NDP (ip neigh show proxy), flagged NTF_PROXY.
Result<std::vector<Neighbour>> dump_proxy_neighbours(netlink::Channel& socket, Diagnosis& diagnosis);

// The nexthop objects (ip nexthop); an error on a kernel without them (before 5.3).
Result<std::vector<Nexthop>> dump_nexthops(netlink::Channel& socket, Diagnosis& diagnosis);

// Which routes to ask the kernel for; it filters them itself (strict dump checking), so
// only what is wanted crosses into user space.
struct RouteDumpFilter {
    int family = 0;            // AF_INET, AF_INET6, or 0 for both
    std::optional<uint32_t> table;  // nullopt: every table
    bool default_only = false;      // only default routes (prefix length 0)
};

// Hands each route to `on_route` as its message is decoded, so a table of 100 k routes
// is never held in memory. A dump the kernel reports as interrupted by a concurrent
// change cannot be restarted without repeating routes already handed on; it is
// finished and reported as damage, as `ip route` warns that it may be inconsistent.
Result<netlink::Done> for_each_route(netlink::Channel& socket, const RouteDumpFilter& filter,
                                     const std::function<void(Route&&)>& on_route, Diagnosis& diagnosis);

}  // namespace netlens::iface
