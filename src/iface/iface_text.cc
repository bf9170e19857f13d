#include "iface/iface_text.h"

#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "core/color.h"
#include "core/diagnosis_text.h"
#include "core/text_table.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

bool labelled(const IfaceReport& report) {
    for (const auto& view : report.views) {
        if (!view.snapshot.netns.empty()) return true;
    }
    return false;
}

std::vector<Column> with_netns(bool netns, std::vector<Column> columns) {
    if (netns) columns.insert(columns.begin(), Column{"NETNS"});
    return columns;
}

std::vector<std::string> row(bool netns, const std::string& label, std::vector<std::string> cells) {
    if (netns) cells.insert(cells.begin(), label);
    return cells;
}

std::string state_cell(const Link& link, bool color) {
    const std::string state = operstate_name(link.operstate);
    if (state == "UP") return paint(state, Tone::good, color);
    if ((link.flags & IFF_UP) != 0 && state != "UNKNOWN") return paint(state, Tone::bad, color);
    return state;
}

std::string addresses_cell(const Link& link) {
    std::string text;
    for (const auto& address : link.addresses) {
        if (!text.empty()) text += ' ';
        text += address.local + "/" + std::to_string(address.prefix_length);
    }
    return text;
}

void print_links(std::ostream& out, const IfaceReport& report, bool color) {
    const bool netns = labelled(report);
    TextTable table(with_netns(netns, {{"IFACE"}, {"STATE"}, {"CARRIER"}, {"MTU", Align::right}, {"KIND"},
                                       {"MASTER"}, {"MAC"}, {"ADDRESSES"}}));
    for (const auto& view : report.views) {
        for (const auto* link : shown_links(report, view)) {
            const std::string carrier = link->carrier ? (*link->carrier ? "yes" : "no") : "-";
            table.add_row(row(netns, view.snapshot.netns,
                              {link->name, state_cell(*link, color), carrier, std::to_string(link->mtu), link->kind,
                               link->master_ifindex ? link_name(view.snapshot.links, link->master_ifindex) : "",
                               link->mac, addresses_cell(*link)}));
        }
    }
    table.print(out);
}

void print_counters(std::ostream& out, const IfaceReport& report) {
    const bool netns = labelled(report);
    const std::string suffix = report.have_interval ? "/s" : "";
    TextTable table(with_netns(
        netns, {{"IFACE"}, {"RX_BYTES" + suffix, Align::right}, {"RX_PKTS" + suffix, Align::right},
                {"RX_ERR", Align::right}, {"RX_DROP", Align::right}, {"RX_MISSED", Align::right},
                {"TX_BYTES" + suffix, Align::right}, {"TX_PKTS" + suffix, Align::right}, {"TX_ERR", Align::right},
                {"TX_DROP", Align::right}, {"NIC_TROUBLE"}}));
    for (const auto& view : report.views) {
        for (const auto* link : shown_links(report, view)) {
            const LinkDelta* delta = find_delta(view.deltas, link->ifindex);
            if (!link->stats) continue;
            // With an interval: traffic as a rate, trouble counters as growth; else totals.
            const rtnl_link_stats64& s = delta ? delta->stats : *link->stats;
            const double per = delta && delta->interval_s > 0 ? delta->interval_s : 1.0;
            auto rate = [&](uint64_t v) { return std::to_string(static_cast<uint64_t>(static_cast<double>(v) / per)); };
            auto count = [&](uint64_t v) { return (delta ? "+" : "") + std::to_string(v); };
            std::string nic;
            for (const auto& counter : delta ? delta->nic : link->nic_counters) {
                nic += (nic.empty() ? "" : " ") + counter.name + "=" + count(counter.value);
            }
            table.add_row(row(netns, view.snapshot.netns,
                              {link->name, rate(s.rx_bytes), rate(s.rx_packets), count(s.rx_errors),
                               count(s.rx_dropped), count(s.rx_missed_errors), rate(s.tx_bytes), rate(s.tx_packets),
                               count(s.tx_errors), count(s.tx_dropped), nic}));
        }
    }
    out << '\n';
    table.print(out);
}

void print_neighbours(std::ostream& out, const IfaceReport& report, bool color) {
    const bool netns = labelled(report);
    TextTable table(with_netns(netns, {{"DESTINATION"}, {"DEV"}, {"LLADDR"}, {"STATE"}}));
    for (const auto& view : report.views) {
        for (const auto& neighbour : view.snapshot.neighbours) {
            const std::string dev = link_name(view.snapshot.links, neighbour.ifindex);
            if (!report.device.empty() && dev != report.device) continue;
            std::string state;
            for (const auto& name : neighbour_state_names(neighbour.state)) state += (state.empty() ? "" : ",") + name;
            const bool bad = (neighbour.state & (NUD_FAILED | NUD_INCOMPLETE)) != 0;
            table.add_row(row(netns, view.snapshot.netns,
                              {neighbour.destination, dev, neighbour.lladdr, paint(state, bad ? Tone::bad : Tone::plain, color)}));
        }
    }
    out << '\n';
    if (table.empty()) {
        out << "no neighbour entries\n";
        return;
    }
    table.print(out);
}

// ip's one-line form: "10.0.2.0/24 via 10.0.1.254 dev a0 proto static src 10.0.1.1 metric 100"
std::string route_line(const Route& route, const std::vector<Link>& links, bool show_table) {
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

void print_netns_heading(std::ostream& out, const std::string& netns, bool color, bool first) {
    if (netns.empty()) return;
    if (!first) out << '\n';
    out << paint("netns " + netns, Tone::bold, color) << '\n';
}

}  // namespace

void print_iface_text(std::ostream& out, const IfaceReport& report, const IfaceTextOptions& options) {
    print_links(out, report, options.color);
    if (options.stats) print_counters(out, report);
    if (options.neighbours) print_neighbours(out, report, options.color);
    print_diagnosis_text(out, report.diagnosis, options.color);
}

void print_route_list_text(std::ostream& out, const RouteListReport& report, bool color) {
    bool first = true;
    for (const auto& snapshot : report.snapshots) {
        print_netns_heading(out, snapshot.netns, color, first);
        first = false;
        for (const auto& route : snapshot.routes) out << route_line(route, snapshot.links, route.table != RT_TABLE_MAIN) << '\n';
    }
    print_diagnosis_text(out, report.diagnosis, color);
}

void print_route_get_text(std::ostream& out, const RouteGetReport& report, bool color) {
    bool first = true;
    for (const auto& answer : report.answers) {
        print_netns_heading(out, answer.netns, color, first);
        first = false;
        out << route_line(answer.route, answer.links, answer.route.table != RT_TABLE_MAIN) << '\n';
    }
    print_diagnosis_text(out, report.diagnosis, color);
}

}  // namespace netlens::iface
