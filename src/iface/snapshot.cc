#include "iface/snapshot.h"

#include <linux/netlink.h>

#include <algorithm>

#include <linux/rtnetlink.h>
#include "iface/ethtool_read.h"
#include "iface/nic_counters.h"
#include "iface/rtnl_dump.h"
#include "source/replay_cursor.h"
#include "route/route_paths.h"

namespace netlens::iface {

namespace {

void read_driver_counters(source::Source& source, std::vector<Link>& links, const std::string& device,
                          Diagnosis& diagnosis) {
    std::vector<std::string> without;
    NicCounterReader reader(source);
    for (auto& link : links) {
        if (!device.empty() && link.name != device) continue;
        auto reading = reader.read(link.name);
        if (reading) {
            link.nic_counters = std::move(reading->trouble);
        } else {
            without.push_back(link.name);
        }
    }
    if (without.empty()) return;
    std::string names;
    for (const auto& name : without) names += (names.empty() ? "" : ", ") + name;
    diagnosis.skip("nic.driver_counters", "no ethtool statistics from the driver of " + names);
}

// A default route that names a nexthop object without its ways out (nexthop compat
// mode off) is judged by the object's; the nexthop table is read only then.
std::optional<Error> resolve_default_route_nexthops(netlink::Channel& socket, std::vector<Route>& routes,
                                                     Diagnosis& diagnosis) {
    if (std::none_of(routes.begin(), routes.end(), needs_nexthop_table)) return std::nullopt;
    auto nexthops = dump_nexthops(socket, diagnosis);
    if (!nexthops) return nexthops.error();
    for (auto& route : routes) resolve_route_nexthops(route, *nexthops);
    return std::nullopt;
}

}  // namespace

Result<Snapshot> take_snapshot(source::Source& source, const SnapshotOptions& options, Diagnosis& diagnosis) {
    auto socket = source::open_channel(source, NETLINK_ROUTE);
    if (!socket) return socket.error();

    Snapshot snapshot;
    snapshot.taken_at = std::chrono::steady_clock::now();
    auto links = dump_links(*socket, diagnosis);
    if (!links) return links.error();
    snapshot.links = std::move(*links);

    auto addresses = dump_addresses(*socket, diagnosis);
    if (!addresses) return addresses.error();
    for (auto& address : *addresses) {
        auto owner = std::find_if(snapshot.links.begin(), snapshot.links.end(),
                                  [&](const Link& l) { return l.ifindex == address.ifindex; });
        if (owner != snapshot.links.end()) owner->addresses.push_back(std::move(address));
    }

    if (options.neighbours) {
        auto neighbours = dump_neighbours(*socket, diagnosis);
        if (!neighbours) return neighbours.error();
        snapshot.neighbours = std::move(*neighbours);
    }
    if (options.proxies) {
        auto proxies = dump_proxy_neighbours(*socket, diagnosis);
        if (proxies) {
            snapshot.proxies = std::move(*proxies);
        } else if (source::is_not_recorded(proxies.error())) {
            diagnosis.skip("proxy neighbours", proxies.error().message);
        } else {
            return proxies.error();
        }
    }
    if (options.default_routes) {
        const RouteDumpFilter defaults{.table = RT_TABLE_MAIN, .default_only = true};
        auto done = for_each_route(*socket, defaults, [&](Route&& route) { snapshot.routes.push_back(std::move(route)); },
                                   diagnosis);
        if (!done) return done.error();
        if (auto failed = resolve_default_route_nexthops(*socket, snapshot.routes, diagnosis)) return *failed;
    }
    if (options.nic_counters) read_driver_counters(source, snapshot.links, options.device, diagnosis);
    if (options.ethtool) read_ethtool(source, snapshot.links, diagnosis);
    snapshot.names = IpNames::read(source, diagnosis);
    return snapshot;
}

std::string link_name(const std::vector<Link>& links, int ifindex) {
    // Links come sorted by index from dump_links, so this stays cheap for the neighbour
    // and route tables of a host with thousands of links.
    const auto found = std::lower_bound(links.begin(), links.end(), ifindex,
                                        [](const Link& link, int index) { return link.ifindex < index; });
    if (found != links.end() && found->ifindex == ifindex) return found->name;
    return "if" + std::to_string(ifindex);
}

const Link* find_link(const std::vector<Link>& links, const std::string& name) {
    for (const auto& link : links) {
        if (link.name == name) return &link;
    }
    return nullptr;
}

}  // namespace netlens::iface
