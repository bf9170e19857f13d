// `netlens iface`, reading and analysis: snapshots of one or more namespaces (two
// each, --interval apart, when rates are wanted) and the findings drawn from them.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/netns.h"
#include "iface/counter_delta.h"
#include "iface/snapshot.h"
#include "source/session.h"

namespace netlens::iface {

struct IfaceRequest {
    std::string device;             // only this link; empty for all
    double interval_s = 0;          // > 0: sample twice and report deltas
    bool nic_counters = true;       // read driver counters (three ioctls per link)
    bool ethtool = false;           // read ethtool's settings (three dumps, an ioctl per link)
    std::vector<NetnsTarget> targets;  // empty: the current namespace only
};

struct IfaceView {
    Snapshot snapshot;              // the later sample
    std::vector<LinkDelta> deltas;  // empty without an interval
};

struct IfaceReport {
    std::vector<IfaceView> views;   // one per namespace visited
    Diagnosis diagnosis;
    std::string device;
    bool have_interval = false;
    bool labelled = false;  // rows carry a namespace label (--netns, --all-netns)
};

// Errors: a failed rtnetlink dump, or --netns naming a namespace we cannot enter; with
// --all-netns a namespace we cannot enter is skipped with the reason instead.
Result<IfaceReport> collect_iface(const IfaceRequest& request, const source::Session& session);

// Links of the view the report asked for (all, or the one device).
std::vector<const Link*> shown_links(const IfaceReport& report, const IfaceView& view);

}  // namespace netlens::iface
