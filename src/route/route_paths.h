// The ways out of a route, whichever shape the kernel gave them in: multipath entries,
// a nexthop object (resolved through the nexthop table), or a plain gateway and
// device. Findings judge every one of them, not only the first.
#pragma once

#include <cstdint>
#include <vector>

#include "iface/model.h"
#include "route/route_decode.h"

namespace netlens::iface {

// The ways out of nexthop object `id`: itself, or each member of its group with the
// member's weight. Empty for a blackhole or an id the table does not hold.
std::vector<RouteNexthop> resolve_nexthop(const std::vector<Nexthop>& table, uint32_t id);

// A route that names a nexthop object but came without its ways out (the kernel's
// nexthop compat mode is off) needs them from the table, and gets them here.
bool needs_nexthop_table(const Route& route);
void resolve_route_nexthops(Route& route, const std::vector<Nexthop>& table);

// Every way out of a route: its multipath entries, else its resolved nexthop object,
// else its own gateway and device; none for a blackhole, unreachable or local route
// without a device.
std::vector<RouteNexthop> route_paths(const Route& route);

}  // namespace netlens::iface
