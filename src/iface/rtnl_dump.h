// rtnetlink dump requests for links, addresses, neighbours and routes in the current
// namespace, decoded into model records.
#pragma once

#include <vector>

#include "core/error.h"
#include "iface/model.h"
#include "netlink/socket.h"

namespace netlens::iface {

Result<std::vector<Link>> dump_links(netlink::Socket& socket);  // sorted by ifindex
Result<std::vector<Address>> dump_addresses(netlink::Socket& socket);
Result<std::vector<Neighbour>> dump_neighbours(netlink::Socket& socket);
Result<std::vector<Route>> dump_routes(netlink::Socket& socket);

}  // namespace netlens::iface
