// Both forms follow ip's print_route field by field, so that a line compares equal to
// ip's and a record carries every key ip -j prints, with ip's value: the same defaults
// left out of lines (type unicast, proto boot, scope global, table main), the same
// units (rtt in ms, expires in seconds). Records also carry what ip -j leaves out when
// it is the usual value (protocol, scope, table), so a reader needs no defaults.
#include "route/route_present.h"

#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstdio>

#include "core/color.h"
#include "iface/rtnl_names.h"
#include "iface/snapshot.h"
#include "route/route_extras_present.h"
#include "route/route_names.h"

namespace netlens::route {

using iface::IpNames;
using iface::Link;
using iface::link_name;
using iface::RouteMetric;
using iface::RouteNexthop;

namespace {

// "10.0.0.0/8", or the bare address for a host route; ip's "0/N" without an address.
std::string prefix_text(const std::string& address, uint8_t length, int family) {
    const int host_length = family == AF_INET ? 32 : 128;
    if (address.empty()) return "0/" + std::to_string(length);
    return length == host_length ? address : address + "/" + std::to_string(length);
}

std::string destination_text(const Route& route) {
    if (route.destination.empty() && route.destination_length == 0) return "default";
    return prefix_text(route.destination, route.destination_length, route.family);
}

bool has_source(const Route& route) { return !route.source.empty() || route.source_length != 0; }

// The kernel keeps rtt in 1/8 ms and rttvar in 1/4 ms; ip shows milliseconds.
uint32_t metric_value(const RouteMetric& metric) {
    if (metric.type == RTAX_RTT) return metric.value / 8;
    if (metric.type == RTAX_RTTVAR) return metric.value / 4;
    return metric.value;
}

bool is_time(uint16_t type) { return type == RTAX_RTT || type == RTAX_RTTVAR || type == RTAX_RTO_MIN; }

// ip shows a hop limit of -1 (the system default) as nothing at all.
bool shown(const RouteMetric& metric) { return !(metric.type == RTAX_HOPLIMIT && metric.value == UINT32_MAX); }

std::string time_text(uint32_t milliseconds) {
    if (milliseconds < 1000) return std::to_string(milliseconds) + "ms";
    char text[32];
    std::snprintf(text, sizeof(text), "%gs", milliseconds / 1e3);
    return text;
}

std::string hex_text(uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof(text), "%#x", value);
    return text;
}

void metric_words(Line& line, const RouteMetric& metric) {
    line.word(metric_name(metric.type));
    if (metric.locked) line.word("lock");
    if (metric.type == RTAX_CC_ALGO) {
        line.word(metric.congestion);
    } else if (metric.type == RTAX_FEATURES) {
        if ((metric.value & RTAX_FEATURE_ECN) != 0) line.word("ecn");
        if ((metric.value & ~RTAX_FEATURE_ECN) != 0) line.word(hex_text(metric.value));
    } else if (is_time(metric.type)) {
        line.word(time_text(metric_value(metric)));
    } else {
        line.word(std::to_string(metric.value));
    }
}

void nexthop_words(Line& line, const RouteNexthop& nexthop, const std::vector<Link>& links, const IpNames& names) {
    line.next_line("\t").word("nexthop");
    if (nexthop.encap) encap_words(line, *nexthop.encap);
    if (!nexthop.gateway.empty()) line.word("via").word(nexthop.gateway);
    if (!nexthop.via.empty()) line.word("via").word(iface::family_name(nexthop.via_family)).word(nexthop.via);
    if (nexthop.flow) flow_words(line, *nexthop.flow, names);
    line.word("dev").word(link_name(links, nexthop.oif));
    line.word("weight").word(std::to_string(nexthop.weight));
    line.words(route_flag_names(nexthop.flags));
}

JsonRecord via_json(int family, const std::string& address) {
    JsonRecord via;
    via.text("family", iface::family_name(family)).text("host", address);
    return via;
}

JsonRecord nexthop_json(const RouteNexthop& nexthop, const std::vector<Link>& links, const IpNames& names) {
    JsonRecord record;
    if (nexthop.encap) add_encap_json(record, *nexthop.encap);
    if (!nexthop.gateway.empty()) record.text("gateway", nexthop.gateway);
    if (!nexthop.via.empty()) record.object("via", via_json(nexthop.via_family, nexthop.via));
    if (nexthop.flow) record.object("flow", flow_json(*nexthop.flow, names));
    record.text("dev", link_name(links, nexthop.oif)).number("weight", nexthop.weight);
    record.texts("flags", route_flag_names(nexthop.flags));
    if (nexthop.nexthop_id != 0) record.unsigned_number("nhid", nexthop.nexthop_id);
    return record;
}

std::vector<JsonRecord> nexthops_json(const std::vector<RouteNexthop>& nexthops, const std::vector<Link>& links,
                                      const IpNames& names) {
    std::vector<JsonRecord> records;
    records.reserve(nexthops.size());
    for (const auto& nexthop : nexthops) records.push_back(nexthop_json(nexthop, links, names));
    return records;
}

// ip -j: "metrics":[{"mtu":1400,"congestion":"cubic","ecn":null}].
JsonRecord metrics_json(const std::vector<RouteMetric>& metrics) {
    JsonRecord record;
    for (const auto& metric : metrics) {
        if (!shown(metric)) continue;
        if (metric.type == RTAX_CC_ALGO) {
            record.text("congestion", metric.congestion);
        } else if (metric.type == RTAX_FEATURES) {
            if ((metric.value & RTAX_FEATURE_ECN) != 0) record.null("ecn");
            if ((metric.value & ~RTAX_FEATURE_ECN) != 0) record.text("features", hex_text(metric.value));
        } else {
            record.unsigned_number(metric_name(metric.type), metric_value(metric));
        }
    }
    return record;
}

bool cloned(const Route& route) { return (route.flags & RTM_F_CLONED) != 0; }

}  // namespace

std::string route_line(const Route& route, const std::vector<Link>& links, const IpNames& names, RouteStyle style) {
    Line line;
    if (route.type != RTN_UNICAST) line.word(iface::route_type_name(route.type));
    line.word(destination_text(route));
    if (has_source(route)) line.word("from").word(prefix_text(route.source, route.source_length, route.family));
    if (route.nexthop_id) line.word("nhid").word(std::to_string(*route.nexthop_id));
    if (route.encap) encap_words(line, *route.encap);
    if (route.tos != 0) line.word("tos").word(names.dsfield(route.tos));
    if (!route.gateway.empty()) line.word("via").word(route.gateway);
    if (!route.via.empty()) line.word("via").word(iface::family_name(route.via_family)).word(route.via);
    if (route.oif != 0) line.word("dev").word(link_name(links, route.oif));
    if (route.table != RT_TABLE_UNSPEC && route.table != RT_TABLE_MAIN && !style.one_table) {
        line.word("table").word(names.table(route.table));
    }
    if (!cloned(route)) {
        if (route.protocol != RTPROT_BOOT) line.word("proto").word(names.protocol(route.protocol));
        if (route.scope != RT_SCOPE_UNIVERSE) line.word("scope").word(names.scope(route.scope));
    }
    if (!route.preferred_source.empty()) line.word("src").word(route.preferred_source);
    if (route.metric) line.word("metric").word(std::to_string(*route.metric));
    line.words(route_flag_names(route.flags));
    if (route.mark && *route.mark != 0) line.word("mark").word(*route.mark >= 16 ? hex_text(*route.mark) : std::to_string(*route.mark));
    if (route.flow) flow_words(line, *route.flow, names);
    if (route.uid) line.word("uid").word(std::to_string(*route.uid));
    if (route.family == AF_INET && cloned(route)) {
        line.next_line("    ").word("cache");
        const auto names = cache_flag_names(route.flags);
        if (!names.empty()) {
            std::string joined;
            for (const auto& name : names) joined += (joined.empty() ? "" : ",") + name;
            line.word("<" + joined + ">");
        }
    }
    const bool has_cache_info = route.family == AF_INET || route.family == AF_INET6;
    if (route.cache_info && has_cache_info) cache_info_words(line, *route.cache_info, style.stats);
    for (const auto& metric : route.metrics) {
        if (shown(metric)) metric_words(line, metric);
    }
    if (route.iif != 0) line.word("iif").word(link_name(links, route.iif));
    if (route.preference) line.word("pref").word(preference_name(*route.preference));
    for (const auto& nexthop : route.nexthops) nexthop_words(line, nexthop, links, names);
    return line.take();
}

JsonRecord route_json(const Route& route, const std::vector<Link>& links, const IpNames& names, const std::string& netns,
                      RouteStyle style) {
    auto link = [&](int ifindex) { return ifindex == 0 ? std::string() : link_name(links, ifindex); };
    JsonRecord record;
    record.text("family", iface::family_name(route.family))
        .text("route_type", iface::route_type_name(route.type))  // not "type": NDJSON uses that for the record kind
        .text("dst", destination_text(route));
    if (has_source(route)) record.text("from", prefix_text(route.source, route.source_length, route.family));
    if (route.nexthop_id) record.unsigned_number("nhid", *route.nexthop_id);
    if (route.encap) add_encap_json(record, *route.encap);
    if (route.tos != 0) record.text("tos", names.dsfield(route.tos));
    record.text_or_null("gateway", route.gateway);
    if (!route.via.empty()) record.object("via", via_json(route.via_family, route.via));
    record.text_or_null("dev", link(route.oif))
        .text_or_null("iif", link(route.iif))
        .text_or_null("prefsrc", route.preferred_source)
        .text("protocol", names.protocol(route.protocol))
        .text("scope", names.scope(route.scope))
        .optional_number("metric", route.metric)
        // 0: the answer came from no table (an oif forced it); ip omits it too.
        .text_or_null("table", route.table == 0 ? std::string() : names.table(route.table))
        .texts("flags", route_flag_names(route.flags));
    if (route.mark && *route.mark != 0) record.unsigned_number("mark", *route.mark);
    if (route.flow) record.object("flow", flow_json(*route.flow, names));
    if (route.uid) record.unsigned_number("uid", *route.uid);
    if (route.family == AF_INET && cloned(route)) record.texts("cache", cache_flag_names(route.flags));
    if (route.cache_info && (route.family == AF_INET || route.family == AF_INET6)) {
        add_cache_info_json(record, *route.cache_info, style.stats);
    }
    if (!route.metrics.empty()) record.array("metrics", {metrics_json(route.metrics)});
    if (route.preference) record.text("pref", preference_name(*route.preference));
    if (!route.nexthops.empty()) record.array("nexthops", nexthops_json(route.nexthops, links, names));
    // Not in ip -j: the ways out of a route that names only its nexthop object.
    if (!route.resolved_nexthops.empty()) {
        record.array("resolved_nexthops", nexthops_json(route.resolved_nexthops, links, names));
    }
    if (!netns.empty()) record.text("netns", netns);
    return record;
}

void begin_routes(Sink& sink, const std::string& netns) {
    sink.section({.name = "routes", .record_type = "route"});
    if (!sink.structured() && !netns.empty()) sink.line(paint("netns " + netns, Tone::bold, sink.color()));
}

void present_route(Sink& sink, const Route& route, const std::vector<Link>& links, const IpNames& names,
                   const std::string& netns, RouteStyle style) {
    if (sink.structured()) {
        sink.record(route_json(route, links, names, netns, style));
    } else {
        sink.line(route_line(route, links, names, style));
    }
}

}  // namespace netlens::route
