// One look at a namespace's L1-L3 state: links with their addresses, counters and NIC
// driver counters, neighbours and routes, gathered over rtnetlink in the namespace the
// caller is in. Two snapshots taken --interval apart give counter deltas.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "iface/ip_names.h"
#include "iface/model.h"
#include "source/source.h"

namespace netlens::iface {

struct SnapshotOptions {
    bool nic_counters = true;
    bool ethtool = false;    // ethtool's link settings and driver info
    std::string device;      // read driver counters of this link only; empty for all
    bool neighbours = true;
    bool proxies = false;    // the proxy neighbour table (ip neigh show proxy)
    bool default_routes = true;  // the main table's default routes, for the route findings
};

struct Snapshot {
    std::string netns;  // label of the namespace, empty for the current one
    std::chrono::steady_clock::time_point taken_at;
    std::vector<Link> links;  // by ifindex, addresses joined in
    std::vector<Neighbour> neighbours;
    std::vector<Neighbour> proxies;  // proxy ARP / NDP entries: apart, as no finding judges them
    std::vector<Route> routes;  // the main table's default routes (what the findings judge)
    IpNames names;  // /etc/iproute2's names for protocols, tables, scopes, groups
};

// Checks that cannot run (a driver without ethtool statistics) go to `diagnosis` as
// skipped, undecodable messages as damage; only a failed rtnetlink dump is an error.
Result<Snapshot> take_snapshot(source::Source& source, const SnapshotOptions& options, Diagnosis& diagnosis);

// The link's name, or "if<N>" when the index is unknown (a link in another namespace).
// `links` must be sorted by ifindex, as dump_links returns them.
std::string link_name(const std::vector<Link>& links, int ifindex);
const Link* find_link(const std::vector<Link>& links, const std::string& name);

}  // namespace netlens::iface
