#include "route/route_present.h"

#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "core/color.h"
#include "iface/rtnl_names.h"
#include "iface/snapshot.h"

namespace netlens::route {

using iface::Link;
using iface::link_name;
using iface::route_protocol_name;
using iface::route_table_name;
using iface::route_type_name;
using iface::scope_name;

std::string route_line(const Route& route, const std::vector<Link>& links) {
    const bool show_table = route.table != RT_TABLE_MAIN;
    std::string line;
    const std::string type = route_type_name(route.type);
    if (type != "unicast") line += type + " ";
    if (route.destination.empty()) {
        line += "default";
    } else {
        line += route.destination;
        if (route.destination_length != (route.family == AF_INET ? 32 : 128)) {
            line += "/" + std::to_string(route.destination_length);
        }
    }
    if (!route.gateway.empty()) line += " via " + route.gateway;
    if (route.oif != 0) line += " dev " + link_name(links, route.oif);
    if (show_table && route.table != RT_TABLE_UNSPEC) line += " table " + route_table_name(route.table);
    if (route.protocol != 0 && route.protocol != RTPROT_BOOT) line += " proto " + route_protocol_name(route.protocol);
    if (route.scope != 0) line += " scope " + scope_name(route.scope);
    if (!route.preferred_source.empty()) line += " src " + route.preferred_source;
    if (route.metric) line += " metric " + std::to_string(*route.metric);
    return line;
}

JsonRecord route_json(const Route& route, const std::vector<Link>& links, const std::string& netns) {
    std::string destination = "default";
    if (!route.destination.empty()) {
        const bool host = route.destination_length == (route.family == AF_INET ? 32 : 128);
        destination = host ? route.destination : route.destination + "/" + std::to_string(route.destination_length);
    }
    auto link = [&](int ifindex) { return ifindex == 0 ? std::string() : link_name(links, ifindex); };
    JsonRecord record;
    record.text("family", iface::family_name(route.family))
        .text("route_type", route_type_name(route.type))  // not "type": NDJSON uses that for the record kind
        .text("dst", destination)
        .text_or_null("gateway", route.gateway)
        .text_or_null("dev", link(route.oif))
        .text_or_null("iif", link(route.iif))
        .text_or_null("prefsrc", route.preferred_source)
        .text("protocol", route_protocol_name(route.protocol))
        .text("scope", scope_name(route.scope))
        .optional_number("metric", route.metric)
        // 0: the answer came from no table (an oif forced it); ip omits it too.
        .text_or_null("table", route.table == 0 ? std::string() : route_table_name(route.table));
    if (!netns.empty()) record.text("netns", netns);
    return record;
}

void begin_routes(Sink& sink, const std::string& netns) {
    sink.section({.name = "routes", .record_type = "route"});
    if (!sink.structured() && !netns.empty()) sink.line(paint("netns " + netns, Tone::bold, sink.color()));
}

void present_route(Sink& sink, const Route& route, const std::vector<Link>& links, const std::string& netns) {
    if (sink.structured()) {
        sink.record(route_json(route, links, netns));
    } else {
        sink.line(route_line(route, links));
    }
}

}  // namespace netlens::route
