// Text views for people at a terminal: tables in the spirit of `ip -br addr`,
// `ip -s link` and `ip neigh`, and routes in `ip route`'s one-line form.
#pragma once

#include <ostream>

#include "iface/iface_report.h"
#include "iface/route_report.h"

namespace netlens::iface {

struct IfaceTextOptions {
    bool color = false;
    bool stats = false;       // -s: the counters table
    bool neighbours = false;  // --neigh: the neighbour table
};

void print_iface_text(std::ostream& out, const IfaceReport& report, const IfaceTextOptions& options);
void print_route_list_text(std::ostream& out, const RouteListReport& report, bool color);
void print_route_get_text(std::ostream& out, const RouteGetReport& report, bool color);

}  // namespace netlens::iface
