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
// The link's name, or null for index 0 (no link).
Json nullable_name(const std::vector<Link>& links, int ifindex);
// Records from a named namespace say which; records from here carry no "netns".
void add_netns_label(Json& record, const std::string& netns);
Json stats_json(const rtnl_link_stats64& stats);

}  // namespace netlens::iface
