// What is wrong at L1-L3, judged from a snapshot (and, with --interval, from the
// counter deltas between two): links down or without carrier, error and drop counters
// rising, no default route, an unresolvable gateway, piles of failed neighbours.
#pragma once

#include <vector>

#include "core/finding.h"
#include "iface/counter_delta.h"
#include "iface/snapshot.h"

namespace netlens::iface {

// Neighbour entries in INCOMPLETE or FAILED at or above this count on one host are
// worth a warning: something keeps trying to reach hosts that do not answer ARP/ND.
inline constexpr size_t kUnresolvedNeighbourThreshold = 5;

// `deltas` is empty without --interval; the rising-counter checks are then skipped.
void link_findings(const Snapshot& snapshot, const std::vector<LinkDelta>& deltas, bool have_interval,
                   Diagnosis& diagnosis);
void route_findings(const Snapshot& snapshot, Diagnosis& diagnosis);
// From ethtool's settings, on the links that have them: half duplex, and a link slower
// than the fastest other link of the same driver. With `device`, only findings about
// that link (still compared with all the others).
void speed_findings(const Snapshot& snapshot, const std::string& device, Diagnosis& diagnosis);

}  // namespace netlens::iface
