#include "route/route_get.h"

#include <linux/netlink.h>

#include "core/netns_collect.h"
#include "iface/rtnl_dump.h"
#include "route/route_present.h"

namespace netlens::route {

std::optional<Error> get_route(const iface::RouteQuery& query, const std::vector<NetnsTarget>& targets, Sink& sink,
                               Diagnosis& diagnosis) {
    return run_in_namespaces(targets, sink, diagnosis,
                             [&](const std::string& netns, Sink& out, Diagnosis& own) -> std::optional<Error> {
                                 auto route = iface::query_route(query);
                                 if (!route) return route.error();
                                 auto socket = netlink::Socket::open(NETLINK_ROUTE);
                                 if (!socket) return socket.error();
                                 auto links = iface::dump_links(*socket, own);  // to name interfaces
                                 if (!links) return links.error();
                                 begin_routes(out, netns);
                                 present_route(out, *route, *links, netns);
                                 return std::nullopt;
                             });
}

}  // namespace netlens::route
