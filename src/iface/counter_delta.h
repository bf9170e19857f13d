// What changed between two snapshots of the same namespace: per-link counter deltas
// over the interval, the raw material for "errors are rising" findings and rates.
#pragma once

#include <linux/if_link.h>

#include <string>
#include <vector>

#include "iface/model.h"

namespace netlens::iface {

struct LinkDelta {
    int ifindex = 0;
    std::string name;
    double interval_s = 0;
    rtnl_link_stats64 stats{};        // later minus earlier, field by field
    std::vector<NicCounter> nic;      // driver counters that grew, by how much
};

// Links present in both lists (matched by ifindex and name); counters that went
// backwards (a reset) count as zero growth.
std::vector<LinkDelta> link_deltas(const std::vector<Link>& earlier, const std::vector<Link>& later,
                                   double interval_s);
const LinkDelta* find_delta(const std::vector<LinkDelta>& deltas, int ifindex);

// One named field of rtnl_link_stats64 and a reader for it, for tables that treat the
// counters uniformly (JSON, deltas, findings).
struct StatsField {
    const char* direction;  // "rx" or "tx"
    const char* name;       // "errors", "dropped", ...
    __u64 rtnl_link_stats64::*member;
    bool trouble;           // counts lost or damaged traffic
};
const std::vector<StatsField>& stats_fields();

}  // namespace netlens::iface
