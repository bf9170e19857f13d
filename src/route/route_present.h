// The last stage of `route` and `route get`: each route as ip prints it — its lines in
// `ip route`'s form for people, one record with ip -j's names for machines — sent to
// the sink as soon as it is known.
#pragma once

#include <string>
#include <vector>

#include "core/json_record.h"
#include "core/sink.h"
#include "iface/ip_names.h"
#include "iface/model.h"

namespace netlens::route {

using iface::Route;

// What ip leaves out of a line depends on what was asked: a listing of one table does
// not repeat that table's name on each route.
struct RouteStyle {
    bool one_table = false;
    bool stats = false;  // ip -s: the cache counters (users, used, age)
};

// ip's form: "10.0.2.0/24 via 10.0.1.254 dev a0 proto static src 10.0.1.1 metric 100";
// a multipath route continues with a "\tnexthop via ..." line per nexthop, an IPv4
// route get answer with a "    cache" line. `links` resolves interface indexes, `names`
// numbers (protocols, tables, scopes, realms, tos) as ip names them.
std::string route_line(const Route& route, const std::vector<iface::Link>& links, const iface::IpNames& names,
                       RouteStyle style = {});
JsonRecord route_json(const Route& route, const std::vector<iface::Link>& links, const iface::IpNames& names,
                      const std::string& netns, RouteStyle style = {});

// Routes of one namespace: the section, and in text a "netns NAME" line before the
// routes of each named namespace.
void begin_routes(Sink& sink, const std::string& netns);
void present_route(Sink& sink, const Route& route, const std::vector<iface::Link>& links,
                   const iface::IpNames& names, const std::string& netns, RouteStyle style = {});

}  // namespace netlens::route
