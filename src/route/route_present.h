// The last stage of `route` and `route get`: each route as ip prints it — one line in
// `ip route`'s form for people, one record with stable names for machines — sent to
// the sink as soon as it is known.
#pragma once

#include <string>
#include <vector>

#include "core/json_record.h"
#include "core/sink.h"
#include "iface/model.h"

namespace netlens::route {

using iface::Route;

// ip's one-line form: "10.0.2.0/24 via 10.0.1.254 dev a0 proto static src 10.0.1.1 metric 100".
// `links` resolves interface indexes; the table is named unless it is main.
std::string route_line(const Route& route, const std::vector<iface::Link>& links);
JsonRecord route_json(const Route& route, const std::vector<iface::Link>& links, const std::string& netns);

// Routes of one namespace: the section, and in text a "netns NAME" line before the
// routes of each named namespace.
void begin_routes(Sink& sink, const std::string& netns);
void present_route(Sink& sink, const Route& route, const std::vector<iface::Link>& links, const std::string& netns);

}  // namespace netlens::route
