#include "route/route_get.h"

#include <linux/netlink.h>

#include "source/namespace_visits.h"
#include "iface/rtnl_dump.h"
#include "route/route_present.h"

namespace netlens::route {

std::optional<Error> get_route(const iface::RouteQuery& query, const source::Session& session,
                               const std::vector<NetnsTarget>& targets, Sink& sink, Diagnosis& diagnosis) {
    return source::run_in_namespaces(session, targets, sink, diagnosis,
                             [&](source::Source& source, Sink& out, Diagnosis& own) -> std::optional<Error> {
                                 const std::string& netns = source.netns();
                                 auto route = iface::query_route(source, query);
                                 if (!route) return route.error();
                                 auto socket = source::open_channel(source, NETLINK_ROUTE);
                                 if (!socket) return socket.error();
                                 auto links = iface::dump_links(*socket, own);  // to name interfaces
                                 if (!links) return links.error();
                                 const auto names = iface::IpNames::read(source, own);
                                 begin_routes(out, netns);
                                 present_route(out, *route, *links, names, netns);
                                 return std::nullopt;
                             });
}

}  // namespace netlens::route
