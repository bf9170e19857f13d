// Layer-3 findings from the routing table and the neighbour cache: a host with global
// addresses but no default route, a default gateway that does not answer ARP/ND or
// leaves through a link that is down, and many unresolved neighbours (something keeps
// trying hosts that are not there). A default route may have several ways out
// (multipath, a nexthop group): each is judged on its own, one finding per bad one.
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <map>

#include "core/finding_catalogue.h"
#include "core/ip_address.h"
#include "iface/findings.h"
#include "iface/rtnl_names.h"
#include "route/route_names.h"
#include "route/route_paths.h"

namespace netlens::iface {

namespace {

constexpr const char* kSource = "rtnetlink";

bool unresolved(uint16_t state) { return (state & (NUD_INCOMPLETE | NUD_FAILED)) != 0; }

// IPv6 link-local (fe80::/10) and unique-local (fc00::/7) addresses have scope
// "global" in the kernel but never reach the internet: a host with only those needs
// no default route.
bool reaches_beyond_site(const Address& address) {
    if (address.family != AF_INET6) return true;
    const auto parsed = parse_ip_address(address.local);
    if (!parsed) return false;
    const uint8_t first = parsed->bytes[0];
    const bool link_local = first == 0xfe && (parsed->bytes[1] & 0xc0) == 0x80;
    const bool unique_local = (first & 0xfe) == 0xfc;
    return !link_local && !unique_local;
}

bool has_global_address(const Snapshot& snapshot, int family) {
    for (const auto& link : snapshot.links) {
        for (const auto& address : link.addresses) {
            if (address.family == family && address.scope == RT_SCOPE_UNIVERSE && reaches_beyond_site(address)) {
                return true;
            }
        }
    }
    return false;
}

std::vector<const Route*> default_routes(const Snapshot& snapshot, int family) {
    std::vector<const Route*> routes;
    for (const auto& route : snapshot.routes) {
        if (route.family == family && route.destination.empty() && route.table == RT_TABLE_MAIN &&
            route.type == RTN_UNICAST) {
            routes.push_back(&route);
        }
    }
    return routes;
}

void check_default_route(const Snapshot& snapshot, int family, Diagnosis& diagnosis) {
    if (!has_global_address(snapshot, family) || !default_routes(snapshot, family).empty()) return;
    diagnosis.add(make_finding("route.no_default", {
        .title = std::string("no ") + (family == AF_INET ? "IPv4" : "IPv6") + " default route in the main table",
        .evidence = {{"family", family_name(family), kSource}, {"default_routes", 0, kSource}},
        .fill = {{"version", family == AF_INET ? "4" : "6"}},
        .netns = snapshot.netns,
    }));
}

// One way out of a default route, with where it sits among the route's others.
struct Path {
    const Route& route;
    const RouteNexthop& nexthop;
    size_t index;  // 1-based
    size_t count;
};

// The gateway a path's neighbour entry is for: RTA_GATEWAY, or RTA_VIA's address of
// another family (an IPv4 route via an IPv6 router).
std::string gateway_of(const RouteNexthop& nexthop) { return nexthop.gateway.empty() ? nexthop.via : nexthop.gateway; }

int neighbour_family(const Path& path) {
    return path.nexthop.gateway.empty() ? path.nexthop.via_family : path.route.family;
}

// " (nexthop 2 of 3)" for a route with several ways out; nothing for one.
std::string which(const Path& path) {
    if (path.count < 2) return "";
    return " (nexthop " + std::to_string(path.index) + " of " + std::to_string(path.count) + ")";
}

// Evidence naming the path: its gateway, device and, for several, its place and weight.
std::vector<Evidence> path_evidence(const Path& path, const std::string& dev) {
    std::vector<Evidence> evidence = {{"gateway", gateway_of(path.nexthop), kSource}, {"dev", dev, kSource}};
    if (path.count > 1) {
        evidence.push_back({"nexthop", path.index, kSource});
        evidence.push_back({"nexthops", path.count, kSource});
        evidence.push_back({"weight", path.nexthop.weight, kSource});
    }
    if (path.nexthop.nexthop_id != 0) evidence.push_back({"nhid", path.nexthop.nexthop_id, kSource});
    return evidence;
}

void check_gateway_neighbour(const Snapshot& snapshot, const Path& path, Diagnosis& diagnosis) {
    const std::string gateway = gateway_of(path.nexthop);
    if (gateway.empty()) return;
    const int family = neighbour_family(path);
    for (const auto& neighbour : snapshot.neighbours) {
        if (neighbour.destination != gateway || neighbour.ifindex != path.nexthop.oif || !unresolved(neighbour.state)) {
            continue;
        }
        const std::string dev = link_name(snapshot.links, path.nexthop.oif);
        std::string states;
        for (const auto& name : neighbour_state_names(neighbour.state)) states += name;
        auto evidence = path_evidence(path, dev);
        evidence.push_back({"neighbour_state", states, kSource});
        diagnosis.add(make_finding("neigh.gateway_unresolved", {
            .title = "default gateway " + gateway + " on " + dev + " does not answer " +
                     (family == AF_INET ? "ARP" : "neighbour discovery") + which(path),
            .evidence = std::move(evidence),
            .fill = {{"dev", dev}, {"gateway", gateway}},
            .netns = snapshot.netns,
        }));
    }
}

// Why a path's link cannot carry traffic: "down", "no carrier", or the kernel's own
// nexthop flags (dead, linkdown); empty when it can.
std::string link_trouble(const Snapshot& snapshot, const RouteNexthop& nexthop) {
    if ((nexthop.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) != 0) {
        std::string flags;
        for (const auto& name : route::route_flag_names(nexthop.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN))) {
            flags += (flags.empty() ? "" : ",") + name;
        }
        return flags;
    }
    for (const auto& link : snapshot.links) {
        if (link.ifindex != nexthop.oif) continue;
        if ((link.flags & IFF_UP) == 0) return "down";
        if ((link.flags & IFF_LOWER_UP) == 0) return "no carrier";
        return "";
    }
    return "";
}

void check_nexthop_links(const Snapshot& snapshot, const Route& route, const std::vector<RouteNexthop>& paths,
                         Diagnosis& diagnosis) {
    size_t down = 0;
    for (const auto& nexthop : paths) down += link_trouble(snapshot, nexthop).empty() ? 0 : 1;
    if (down == 0) return;
    for (size_t i = 0; i < paths.size(); ++i) {
        const std::string trouble = link_trouble(snapshot, paths[i]);
        if (trouble.empty() || paths[i].oif == 0) continue;
        const Path path{route, paths[i], i + 1, paths.size()};
        const std::string dev = link_name(snapshot.links, paths[i].oif);
        auto evidence = path_evidence(path, dev);
        evidence.push_back({"link_state", trouble, kSource});
        evidence.push_back({"nexthops_down", down, kSource});
        diagnosis.add(make_finding("route.nexthop_link_down", {
            .title = "default route" + (gateway_of(paths[i]).empty() ? "" : " via " + gateway_of(paths[i])) + " dev " +
                     dev + " cannot carry traffic: " + trouble + which(path),
            .evidence = std::move(evidence),
            .escalated = down == paths.size(),
            .fill = {{"dev", dev}},
            .netns = snapshot.netns,
        }));
    }
}

void check_unresolved_neighbours(const Snapshot& snapshot, Diagnosis& diagnosis) {
    std::map<std::string, size_t> per_link;
    size_t total = 0;
    std::string examples;
    for (const auto& neighbour : snapshot.neighbours) {
        if (!unresolved(neighbour.state)) continue;
        ++per_link[link_name(snapshot.links, neighbour.ifindex)];
        if (++total <= 3) examples += (examples.empty() ? "" : ", ") + neighbour.destination;
    }
    if (total < kUnresolvedNeighbourThreshold) return;
    std::vector<Evidence> evidence = {{"unresolved", total, kSource}, {"examples", examples, kSource}};
    for (const auto& [dev, count] : per_link) evidence.push_back({evidence_key("on_" + dev), count, kSource});
    diagnosis.add(make_finding("neigh.many_unresolved", {
        .title = std::to_string(total) + " neighbour entries are INCOMPLETE or FAILED",
        .evidence = std::move(evidence),
        .netns = snapshot.netns,
    }));
}

}  // namespace

void route_findings(const Snapshot& snapshot, Diagnosis& diagnosis) {
    for (const int family : {AF_INET, AF_INET6}) {
        check_default_route(snapshot, family, diagnosis);
        for (const auto* route : default_routes(snapshot, family)) {
            const auto paths = route_paths(*route);
            for (size_t i = 0; i < paths.size(); ++i) {
                check_gateway_neighbour(snapshot, {*route, paths[i], i + 1, paths.size()}, diagnosis);
            }
            check_nexthop_links(snapshot, *route, paths, diagnosis);
        }
    }
    check_unresolved_neighbours(snapshot, diagnosis);
}

}  // namespace netlens::iface
