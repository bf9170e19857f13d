// The last stage of `netlens iface`: for people, tables in the spirit of
// `ip -br addr`, `ip -s link` and `ip neigh`; for machines, one record per link and
// per neighbour.
#pragma once

#include "core/sink.h"
#include "iface/iface_collect.h"

namespace netlens::iface {

struct IfacePresentOptions {
    bool stats = false;       // -s: the counters table
    bool neighbours = false;  // --neigh: the neighbour table
};

// Links, then (text, -s) counters, then neighbours; findings are the caller's to finish.
void present_iface(Sink& sink, const IfaceReport& report, const IfacePresentOptions& options);

}  // namespace netlens::iface
