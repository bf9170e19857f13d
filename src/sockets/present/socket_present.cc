#include "sockets/present/socket_present.h"

#include <sys/socket.h>

#include <fmt/format.h>

#include "core/color.h"
#include "core/text_table.h"
#include "sockets/diag/diag_query.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/present/kind_text.h"
#include "sockets/present/socket_json.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {

namespace {

Json count_json(const ProtocolCount& count) {
    return {{"total", count.total()}, {"ipv4", count.ipv4}, {"ipv6", count.ipv6}};
}

Json pair_json(const SsTotals::Pair& pair) { return {{"total", pair.total()}, {"ipv4", pair.ipv4}, {"ipv6", pair.ipv6}}; }

Json totals_json(const SsTotals& t) {
    return {{"sockets", t.sockets},       {"tcp_total", t.tcp_total},       {"tcp_estab", t.tcp_estab},
            {"tcp_closed", t.tcp_closed}, {"tcp_orphaned", t.tcp_orphaned}, {"tcp_timewait", t.tcp_timewait},
            {"raw", pair_json(t.raw)},    {"udp", pair_json(t.udp)},        {"tcp", pair_json(t.tcp)},
            {"inet", pair_json(t.inet)},  {"frag", pair_json(t.frag)}};
}

Json summary_json(const SocketsView& view) {
    const Summary& s = *view.summary;
    Json states = Json::object();
    for (size_t i = 1; i < s.tcp_states.size(); ++i) {
        states[std::string(state_display_name(static_cast<TcpState>(i)))] = s.tcp_states[i];
    }
    Json record = {
        {"sockets_used", s.sockets_used},
        {"tcp", count_json(s.tcp)},
        {"udp", count_json(s.udp)},
        {"raw", count_json(s.raw)},
        {"unix", s.unix_sockets},
        {"tcp_states", states},
        {"tcp_orphaned", s.orphaned},
        {"tcp_timewait", s.tcp_states[static_cast<size_t>(TcpState::time_wait)]},
    };
    if (s.limits.port_range) {
        record["ip_local_port_range"] = {s.limits.port_range->low, s.limits.port_range->high};
    }
    record["tcp_tw_reuse"] = s.limits.tw_reuse ? Json(*s.limits.tw_reuse) : Json(nullptr);
    record["tcp_max_orphans"] = s.limits.max_orphans ? Json(*s.limits.max_orphans) : Json(nullptr);
    record["ss_totals"] = totals_json(s.totals);
    if (!view.netns.empty()) record["netns"] = view.netns;
    return record;
}

void present_table(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options) {
    SocketTable table(sink, {report.labelled, report.several_protocols, report.state_column}, options);
    for (const auto& view : report.views) {
        const InterfaceNamer namer = [&](uint32_t index) { return interface_name(view, index); };
        EndpointNames names(options.names, view.ephemeral_ports);
        for (const auto& socket : view.sockets) table.add(socket, namer, names);
    }
}

// ss -s's text, line for line (iproute2 6.1 print_summary), ending with its blank line.
std::string summary_text(const SocketsView& view, bool color) {
    const SsTotals& t = view.summary->totals;
    std::string out;
    if (!view.netns.empty()) out += paint("netns " + view.netns, Tone::bold, color) + "\n";
    out += fmt::format("Total: {}\n", t.sockets);
    out += fmt::format("TCP:   {} (estab {}, closed {}, orphaned {}, timewait {})\n\n", t.tcp_total, t.tcp_estab,
                       t.tcp_closed, t.tcp_orphaned, t.tcp_timewait);
    out += "Transport Total     IP        IPv6\n";
    auto row = [&](const char* name, const SsTotals::Pair& pair) {
        out += fmt::format("{}\t  {:<9} {:<9} {:<9}\n", name, pair.total(), pair.ipv4, pair.ipv6);
    };
    row("RAW", t.raw);
    row("UDP", t.udp);
    row("TCP", t.tcp);
    row("INET", t.inet);
    row("FRAG", t.frag);
    return out;  // the last "\n" is the sink's; ss ends with a blank line
}

void present_summaries(Sink& sink, const SocketsReport& report) {
    sink.section({.name = "summary", .record_type = "summary"});
    for (const auto& view : report.views) {
        if (sink.structured()) {
            sink.record(summary_json(view));
        } else {
            sink.line(summary_text(view, sink.color()));
        }
    }
}

void present_top(Sink& sink, const SocketsReport& report) {
    sink.section({.name = "top", .record_type = "top", .columns = {{"COUNT", Align::right}, {"KEY"}}, .gap = true});
    for (const auto& row : report.top) {
        if (sink.structured()) {
            sink.record({{"key", row.key}, {"sockets", row.sockets}});
        } else {
            sink.row({std::to_string(row.sockets), row.key});
        }
    }
}

}  // namespace

SocketTable::SocketTable(Sink& sink, const SocketTableShape& shape, const SocketPresentOptions& options)
    : sink_(sink), shape_(shape), options_(options) {
    // ss's columns and the separators before them: addresses and ports are separate
    // columns ("Local Address:" right-aligned, "Port" left-aligned, nothing between), and
    // the last column's text brings its own leading space.
    std::vector<Column> columns;
    auto add = [&](const char* header, Align align, const char* separator) {
        columns.push_back({header, align, columns.empty() ? "" : separator});
    };
    if (shape.netns) add("NetNS", Align::left, " ");
    if (shape.netid) add("Netid", Align::left, " ");
    if (shape.state) add("State", Align::left, " ");
    add("Recv-Q", Align::left, " ");
    add("Send-Q", Align::left, " ");
    add("Local Address:", Align::right, " ");
    add("Port", Align::left, "");
    add("Peer Address:", Align::right, " ");
    add("Port", Align::left, "");
    add("Process", Align::left, "");
    sink.section({.name = shape.section, .record_type = shape.record_type, .columns = columns, .header = options.header});
}

void SocketTable::add(const Socket& socket, const InterfaceNamer& namer, EndpointNames& names) {
    if (sink_.structured()) {
        sink_.record(socket_json(socket, namer));
        return;
    }
    // The cells are reused from row to row rather than built as a new vector each time.
    size_t used = 0;
    auto next_cell = [&]() -> std::string& {
        if (used == cells_.size()) cells_.emplace_back();
        return cells_[used++];
    };
    if (shape_.netns) next_cell() = socket.netns;
    if (shape_.netid) next_cell() = protocol_name(socket.protocol);
    if (shape_.state) next_cell() = state_display_name(socket.state);
    next_cell() = std::to_string(socket.recv_q);
    // ss prints the queue as a signed int: a UDP socket torn down shows -1.
    next_cell() = std::to_string(static_cast<int32_t>(socket.send_q));
    const bool kind_text = has_kind_text(socket);
    auto local = kind_text ? kind_local_cells(socket, namer, options_.extras.numeric) : local_cells(socket, namer, names);
    auto peer = kind_text ? kind_peer_cells(socket) : peer_cells(socket, names);
    next_cell() = std::move(local.address);
    next_cell() = std::move(local.port);
    next_cell() = std::move(peer.address);
    next_cell() = std::move(peer.port);
    if (kind_text) {
        cells_.resize(used);
        add_kind_extras(socket);
        return;
    }
    std::string extras = row_extras_text(socket, options_.extras, cgroups_);
    const bool detail = detail_text(socket, options_.extras, detail_);
    if (detail && options_.extras.oneline) extras += detail_;
    next_cell() = std::move(extras);
    cells_.resize(used);
    sink_.row(cells_);
    if (const std::string sockopt = inet_sockopt_line(socket, options_.extras); !sockopt.empty()) sink_.line(sockopt);
    // -m/-i go on a line of their own under the row, as ss prints them.
    if (detail && !options_.extras.oneline) sink_.line("\t" + detail_);
}

void SocketTable::add_kind_extras(const Socket& socket) {
    // The detail lines ss starts with "\n\t" go under the row.
    std::string extras = kind_extras_text(socket, options_.extras);
    const size_t line_break = extras.find('\n');
    cells_.push_back(extras.substr(0, line_break));
    sink_.row(cells_);
    if (line_break != std::string::npos) sink_.line(std::string_view(extras).substr(line_break + 1));
}

void present_sockets(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options) {
    // ss prints the summary first and the table after it.
    if (report.summary) present_summaries(sink, report);
    if (report.table) present_table(sink, report, options);
    if (!report.top.empty()) present_top(sink, report);
}

}  // namespace netlens::sockets
