#include "iface/iface_present.h"

#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "core/color.h"
#include "iface/device_text.h"
#include "iface/iface_json.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

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

void present_links(Sink& sink, const IfaceReport& report) {
    const bool netns = report.labelled;
    const bool color = sink.color();
    sink.section({.name = "links", .record_type = "link",
                  .columns = with_netns(netns, {{"IFACE"}, {"STATE"}, {"CARRIER"}, {"MTU", Align::right}, {"KIND"},
                                                {"MASTER"}, {"MAC"}, {"ADDRESSES"}})});
    for (const auto& view : report.views) {
        for (const auto* link : shown_links(report, view)) {
            if (sink.structured()) {
                sink.record(link_json(*link, view.snapshot, find_delta(view.deltas, link->ifindex)));
                continue;
            }
            const std::string carrier = link->carrier ? (*link->carrier ? "yes" : "no") : "-";
            sink.row(row(netns, view.snapshot.netns,
                              {link->name, state_cell(*link, color), carrier, std::to_string(link->mtu), link->kind,
                               link->master_ifindex ? link_name(view.snapshot.links, link->master_ifindex) : "",
                               link->mac, addresses_cell(*link)}));
        }
    }
}

// Text only: in JSON the counters are part of each link's record.
void present_counters(Sink& sink, const IfaceReport& report) {
    const bool netns = report.labelled;
    const std::string suffix = report.have_interval ? "/s" : "";
    sink.section({.name = "counters", .record_type = "counters", .columns = with_netns(
        netns, {{"IFACE"}, {"RX_BYTES" + suffix, Align::right}, {"RX_PKTS" + suffix, Align::right},
                {"RX_ERR", Align::right}, {"RX_DROP", Align::right}, {"RX_MISSED", Align::right},
                {"TX_BYTES" + suffix, Align::right}, {"TX_PKTS" + suffix, Align::right}, {"TX_ERR", Align::right},
                {"TX_DROP", Align::right}, {"NIC_TROUBLE"}}), .gap = true});
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
            sink.row(row(netns, view.snapshot.netns,
                              {link->name, rate(s.rx_bytes), rate(s.rx_packets), count(s.rx_errors),
                               count(s.rx_dropped), count(s.rx_missed_errors), rate(s.tx_bytes), rate(s.tx_packets),
                               count(s.tx_errors), count(s.tx_dropped), nic}));
        }
    }
}

void present_neighbours(Sink& sink, const IfaceReport& report) {
    const bool netns = report.labelled;
    const bool color = sink.color();
    sink.section({.name = "neighbours", .record_type = "neighbour",
                  .columns = with_netns(netns, {{"DESTINATION"}, {"DEV"}, {"LLADDR"}, {"STATE"}, {"FLAGS"}}),
                  .gap = true, .empty_text = "no neighbour entries"});
    for (const auto& view : report.views) {
        std::vector<const Neighbour*> entries;
        for (const auto& neighbour : view.snapshot.neighbours) entries.push_back(&neighbour);
        for (const auto& proxy : view.snapshot.proxies) entries.push_back(&proxy);
        for (const auto* entry : entries) {
            const Neighbour& neighbour = *entry;
            const std::string dev = link_name(view.snapshot.links, neighbour.ifindex);
            if (!report.device.empty() && dev != report.device) continue;
            if (sink.structured()) {
                sink.record(neighbour_json(neighbour, view.snapshot));
                continue;
            }
            std::string state;
            for (const auto& name : neighbour_state_names(neighbour.state)) state += (state.empty() ? "" : ",") + name;
            const bool bad = (neighbour.state & (NUD_FAILED | NUD_INCOMPLETE)) != 0;
            std::string flags;
            for (const auto& name : neighbour_flag_names(neighbour.flags, neighbour.extended_flags)) {
                flags += (flags.empty() ? "" : ",") + name;
            }
            sink.row(row(netns, view.snapshot.netns,
                         {neighbour.destination, dev, neighbour.lladdr, paint(state, bad ? Tone::bad : Tone::plain, color),
                          flags}));
        }
    }
}

// Text only, for `iface DEV`: its addresses as ip addr shows them and its settings as
// ethtool shows them (in JSON both are part of the link's record).
void present_device(Sink& sink, const IfaceReport& report) {
    for (const auto& view : report.views) {
        for (const auto* link : shown_links(report, view)) {
            const std::string where = report.labelled ? " in " + view.snapshot.netns : "";
            sink.section({.name = "addresses " + link->name + where, .record_type = "address",
                          .heading = "ip link and addresses of " + link->name + where + ":", .gap = true});
            const auto described = link_lines(*link, view.snapshot.links, view.snapshot.names);
            for (size_t i = 0; i < described.size(); ++i) sink.line((i == 0 ? "" : "    ") + described[i]);
            for (const auto& address : link->addresses) {
                const auto lines = address_lines(address, view.snapshot.names);
                for (size_t i = 0; i < lines.size(); ++i) sink.line((i == 0 ? "    " : "       ") + lines[i]);
            }
            if (!link->ethtool) continue;
            sink.section({.name = "ethtool " + link->name + where, .record_type = "ethtool",
                          .heading = "Settings for " + link->name + where + ":", .gap = true,
                          .empty_text = "\tno ethtool settings"});
            for (const auto& line : ethtool_lines(*link->ethtool)) sink.line("\t" + line);
        }
    }
}

}  // namespace

void present_iface(Sink& sink, const IfaceReport& report, const IfacePresentOptions& options) {
    present_links(sink, report);
    if (!report.device.empty() && !sink.structured()) present_device(sink, report);
    if (options.stats && !sink.structured()) present_counters(sink, report);
    // Machines always get the neighbour records; people ask for the table.
    if (options.neighbours || sink.structured()) present_neighbours(sink, report);
}

}  // namespace netlens::iface
