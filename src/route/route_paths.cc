#include "route/route_paths.h"

#include <algorithm>

namespace netlens::iface {

namespace {

const Nexthop* find_nexthop(const std::vector<Nexthop>& table, uint32_t id) {
    const auto found = std::find_if(table.begin(), table.end(), [&](const Nexthop& n) { return n.id == id; });
    return found == table.end() ? nullptr : &*found;
}

RouteNexthop single_path(const Nexthop& nexthop, int weight) {
    return {.gateway = nexthop.gateway, .oif = nexthop.oif, .weight = weight, .flags = nexthop.flags,
            .nexthop_id = nexthop.id};
}

}  // namespace

std::vector<RouteNexthop> resolve_nexthop(const std::vector<Nexthop>& table, uint32_t id) {
    std::vector<RouteNexthop> paths;
    const Nexthop* nexthop = find_nexthop(table, id);
    if (nexthop == nullptr) return paths;
    if (nexthop->group.empty()) {
        if (!nexthop->blackhole && (nexthop->oif != 0 || !nexthop->gateway.empty())) paths.push_back(single_path(*nexthop, 1));
        return paths;
    }
    // The kernel refuses groups of groups, so one level is all there is.
    for (const auto& member : nexthop->group) {
        const Nexthop* target = find_nexthop(table, member.id);
        if (target != nullptr && target->group.empty() && !target->blackhole) {
            paths.push_back(single_path(*target, member.weight));
        }
    }
    return paths;
}

bool needs_nexthop_table(const Route& route) {
    return route.nexthop_id && route.nexthops.empty() && route.gateway.empty() && route.oif == 0;
}

void resolve_route_nexthops(Route& route, const std::vector<Nexthop>& table) {
    if (needs_nexthop_table(route)) route.resolved_nexthops = resolve_nexthop(table, *route.nexthop_id);
}

std::vector<RouteNexthop> route_paths(const Route& route) {
    if (!route.nexthops.empty()) return route.nexthops;
    if (!route.resolved_nexthops.empty()) return route.resolved_nexthops;
    if (route.gateway.empty() && route.via.empty() && route.oif == 0) return {};
    return {{.gateway = route.gateway,
             .via_family = route.via_family,
             .via = route.via,
             .oif = route.oif,
             .flags = route.flags & 0xFF,  // the RTNH_F_* part of rtm_flags
             .nexthop_id = route.nexthop_id.value_or(0)}};
}

}  // namespace netlens::iface
