#include "route/route_list.h"

#include <linux/rtnetlink.h>

#include "source/namespace_visits.h"
#include "core/decimal.h"
#include "iface/findings.h"
#include "iface/rtnl_dump.h"
#include "iface/snapshot.h"
#include "route/route_paths.h"
#include "route/route_present.h"

namespace netlens::route {

namespace {

bool is_main_default(const Route& route) {
    return route.table == RT_TABLE_MAIN && route.destination.empty() && route.type == RTN_UNICAST;
}

std::optional<Error> list_here(const RouteListRequest& request, source::Source& source, Sink& sink,
                               Diagnosis& diagnosis) {
    const std::string& netns = source.netns();
    // When the listing itself passes every main-table default route, the findings take
    // them from it; otherwise the snapshot asks for them separately.
    const bool listing_has_defaults = (!request.table || *request.table == RT_TABLE_MAIN) && request.family == 0;
    auto snapshot = iface::take_snapshot(
        source,
        {.nic_counters = false, .neighbours = true, .default_routes = !listing_has_defaults}, diagnosis);
    if (!snapshot) return snapshot.error();
    snapshot->netns = netns;

    auto socket = source::open_channel(source, NETLINK_ROUTE);
    if (!socket) return socket.error();
    // Read before the routes stream by: a route may name a nexthop object, whose ways
    // out the kernel leaves out of the route when its nexthop compat mode is off.
    auto nexthops = iface::dump_nexthops(*socket, diagnosis);
    if (!nexthops) {
        diagnosis.skip("nexthop dump", nexthops.error().message);
        nexthops = std::vector<iface::Nexthop>{};
    }
    begin_routes(sink, netns);
    const iface::RouteDumpFilter filter{.family = request.family, .table = request.table};
    const RouteStyle style{.one_table = request.table.has_value(), .stats = request.stats};
    auto done = iface::for_each_route(
        *socket, filter,
        [&](Route&& route) {
            iface::resolve_route_nexthops(route, *nexthops);
            present_route(sink, route, snapshot->links, snapshot->names, netns, style);
            if (listing_has_defaults && is_main_default(route)) snapshot->routes.push_back(std::move(route));
        },
        diagnosis);
    if (!done) return done.error();
    iface::route_findings(*snapshot, diagnosis);
    return std::nullopt;
}

}  // namespace

Result<std::optional<uint32_t>> parse_table(const std::string& table) {
    if (table == "all") return std::optional<uint32_t>{};
    if (table == "main") return std::optional<uint32_t>{RT_TABLE_MAIN};
    if (table == "local") return std::optional<uint32_t>{RT_TABLE_LOCAL};
    if (table == "default") return std::optional<uint32_t>{RT_TABLE_DEFAULT};
    if (const auto number = parse_decimal(table, UINT32_MAX)) return std::optional<uint32_t>{static_cast<uint32_t>(*number)};
    return Error{ExitCode::usage, "--table " + table + ": not a table (main, local, default, all or a number)"};
}

std::optional<Error> list_routes(const RouteListRequest& request, const source::Session& session, Sink& sink,
                                 Diagnosis& diagnosis) {
    return source::run_in_namespaces(
        session, request.targets, sink, diagnosis,
        [&](source::Source& source, Sink& out, Diagnosis& own) { return list_here(request, source, out, own); });
}

}  // namespace netlens::route
