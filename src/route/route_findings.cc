// Layer-3 findings from the routing table and the neighbour cache: a host with global
// addresses but no default route, a default gateway that does not answer ARP/ND, and
// many unresolved neighbours (something keeps trying hosts that are not there).
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <map>

#include "core/finding_catalogue.h"
#include "iface/findings.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

constexpr const char* kSource = "rtnetlink";

bool unresolved(uint16_t state) { return (state & (NUD_INCOMPLETE | NUD_FAILED)) != 0; }

bool has_global_address(const Snapshot& snapshot, int family) {
    for (const auto& link : snapshot.links) {
        for (const auto& address : link.addresses) {
            if (address.family == family && address.scope == RT_SCOPE_UNIVERSE) return true;
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

void check_gateway_neighbour(const Snapshot& snapshot, const Route& route, Diagnosis& diagnosis) {
    if (route.gateway.empty()) return;
    for (const auto& neighbour : snapshot.neighbours) {
        if (neighbour.destination != route.gateway || neighbour.ifindex != route.oif || !unresolved(neighbour.state)) {
            continue;
        }
        const std::string dev = link_name(snapshot.links, route.oif);
        std::string states;
        for (const auto& name : neighbour_state_names(neighbour.state)) states += name;
        diagnosis.add(make_finding("neigh.gateway_unresolved", {
            .title = "default gateway " + route.gateway + " on " + dev + " does not answer " +
                     (route.family == AF_INET ? "ARP" : "neighbour discovery"),
            .evidence = {{"gateway", route.gateway, kSource},
                         {"dev", dev, kSource},
                         {"neighbour_state", states, kSource}},
            .fill = {{"dev", dev}, {"gateway", route.gateway}},
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
        for (const auto* route : default_routes(snapshot, family)) check_gateway_neighbour(snapshot, *route, diagnosis);
    }
    check_unresolved_neighbours(snapshot, diagnosis);
}

}  // namespace netlens::iface
