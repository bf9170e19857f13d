// JSON records for links, neighbours and routes: stable snake_case names, every field
// always present so consumers need no special cases. Field meanings follow ip(8).
#pragma once

#include "core/json.h"
#include <optional>

#include "iface/counter_delta.h"
#include "iface/snapshot.h"

namespace netlens::iface {

Json link_json(const Link& link, const Snapshot& snapshot, const LinkDelta* delta);
Json neighbour_json(const Neighbour& neighbour, const Snapshot& snapshot);
Json stats_json(const rtnl_link_stats64& stats);

}  // namespace netlens::iface
