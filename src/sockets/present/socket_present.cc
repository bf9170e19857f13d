#include "sockets/present/socket_present.h"

#include <sys/socket.h>

#include <iomanip>
#include <sstream>

#include "core/color.h"
#include "core/text_table.h"
#include "sockets/diag/diag_query.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/present/socket_json.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {

namespace {

// users:(("nginx",pid=412,fd=6),("nginx",pid=413,fd=6)) as ss prints it.
std::string process_cell(const Socket& socket) {
    if (socket.processes.empty()) return "";
    std::string text = "users:(";
    for (size_t i = 0; i < socket.processes.size(); ++i) {
        const auto& p = socket.processes[i];
        if (i > 0) text += ",";
        text += "(\"" + p.command + "\",pid=" + std::to_string(p.pid) + ",fd=" + std::to_string(p.fd) + ")";
    }
    return text + ")";
}

std::string milliseconds(uint32_t us) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3) << us / 1000.0;
    return text.str();
}

// The -i line: "cubic rtt:0.05/0.025 rto:204 cwnd:10 ..." in ss's vocabulary.
std::string tcp_info_line(const TcpInfo& info) {
    std::string line = info.congestion.empty() ? "" : info.congestion + " ";
    line += "rtt:" + milliseconds(info.rtt_us) + "/" + milliseconds(info.rttvar_us);
    line += " rto:" + std::to_string(info.rto_ms);
    if (info.backoff != 0) line += " backoff:" + std::to_string(info.backoff);
    line += " mss:" + std::to_string(info.snd_mss) + " rcvmss:" + std::to_string(info.rcv_mss);
    line += " cwnd:" + std::to_string(info.snd_cwnd);
    if (info.snd_ssthresh < 0xFFFF) line += " ssthresh:" + std::to_string(info.snd_ssthresh);
    line += " bytes_sent:" + std::to_string(info.bytes_sent) + " bytes_retrans:" + std::to_string(info.bytes_retrans);
    line += " bytes_acked:" + std::to_string(info.bytes_acked) + " bytes_received:" + std::to_string(info.bytes_received);
    line += " retrans:" + std::to_string(info.retransmits) + "/" + std::to_string(info.total_retrans);
    line += " lastsnd:" + std::to_string(info.last_send_ms) + " lastrcv:" + std::to_string(info.last_receive_ms) +
            " lastack:" + std::to_string(info.last_ack_ms);
    // ~0 means "no pacing" to the kernel.
    if (info.pacing_rate_bps != ~uint64_t{0} && info.pacing_rate_bps != 0) {
        line += " pacing_rate:" + std::to_string(info.pacing_rate_bps * 8) + "bps";
    }
    line += " delivery_rate:" + std::to_string(info.delivery_rate_bps * 8) + "bps";
    line += " busy:" + std::to_string(info.busy_time_us / 1000) + "ms";
    if (info.rwnd_limited_us) line += " rwnd_limited:" + std::to_string(info.rwnd_limited_us / 1000) + "ms";
    if (info.sndbuf_limited_us) line += " sndbuf_limited:" + std::to_string(info.sndbuf_limited_us / 1000) + "ms";
    if (info.unacked) line += " unacked:" + std::to_string(info.unacked);
    if (info.lost) line += " lost:" + std::to_string(info.lost);
    return line;
}

std::string memory_line(const SocketMemory& m) {
    return "skmem:(r" + std::to_string(m.rmem_alloc) + ",rb" + std::to_string(m.rcvbuf) + ",t" +
           std::to_string(m.wmem_alloc) + ",tb" + std::to_string(m.sndbuf) + ",f" + std::to_string(m.fwd_alloc) +
           ",w" + std::to_string(m.wmem_queued) + ",o" + std::to_string(m.optmem) + ",bl" +
           std::to_string(m.backlog) + ",d" + std::to_string(m.drops) + ")";
}

Json count_json(const ProtocolCount& count) {
    return {{"total", count.total()}, {"ipv4", count.ipv4}, {"ipv6", count.ipv6}};
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
    if (!view.netns.empty()) record["netns"] = view.netns;
    return record;
}

void present_table(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options) {
    SocketTable table(sink, {report.labelled, report.several_protocols, report.processes}, options);
    for (const auto& view : report.views) {
        const InterfaceNamer namer = [&](uint32_t index) { return interface_name(view, index); };
        for (const auto& socket : view.sockets) table.add(socket, namer);
    }
}

// ss -s's text: totals, a transport table, the TCP states and the ephemeral range.
std::string summary_text(const SocketsView& view, bool color) {
    std::ostringstream out;
    const Summary& s = *view.summary;
    if (!view.netns.empty()) out << paint("netns " + view.netns, Tone::bold, color) << '\n';
    auto state = [&](TcpState st) { return s.tcp_states[static_cast<size_t>(st)]; };
    const size_t tcp_total = s.tcp.total();
    out << "Total: " << s.sockets_used << '\n';
    out << "TCP:   " << tcp_total << " (estab " << state(TcpState::established) << ", closed "
        << state(TcpState::close) << ", orphaned " << s.orphaned << ", timewait " << state(TcpState::time_wait)
        << ")\n\n";
    TextTable transports({{"Transport"}, {"Total", Align::right}, {"IP", Align::right}, {"IPv6", Align::right}});
    auto add = [&](const char* name, const ProtocolCount& c) {
        transports.add_row({name, std::to_string(c.total()), std::to_string(c.ipv4), std::to_string(c.ipv6)});
    };
    add("RAW", s.raw);
    add("UDP", s.udp);
    add("TCP", s.tcp);
    add("INET", {s.raw.ipv4 + s.udp.ipv4 + s.tcp.ipv4, s.raw.ipv6 + s.udp.ipv6 + s.tcp.ipv6});
    transports.add_row({"UNIX", std::to_string(s.unix_sockets), "", ""});
    transports.print(out);

    std::string states;
    for (size_t i = 1; i < s.tcp_states.size(); ++i) {
        if (s.tcp_states[i] == 0) continue;
        states += (states.empty() ? "" : "  ") + std::string(state_display_name(static_cast<TcpState>(i))) + " " +
                  std::to_string(s.tcp_states[i]);
    }
    out << "\nTCP states: " << (states.empty() ? "none" : states) << '\n';
    if (s.limits.port_range) {
        out << "Ephemeral ports: " << s.limits.port_range->low << "-" << s.limits.port_range->high << " ("
            << s.limits.port_range->size() - s.limits.reserved_in_range << " usable)";
        if (s.limits.tw_reuse) out << ", tcp_tw_reuse " << *s.limits.tw_reuse;
        out << '\n';
    }
    std::string text = out.str();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

void present_summaries(Sink& sink, const SocketsReport& report) {
    sink.section({.name = "summary", .record_type = "summary"});
    bool first = true;
    for (const auto& view : report.views) {
        if (sink.structured()) {
            sink.record(summary_json(view));
            continue;
        }
        if (!first) sink.line("");
        first = false;
        sink.line(summary_text(view, sink.color()));
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
    std::vector<Column> columns;
    if (shape.netns) columns.push_back({"NetNS"});
    if (shape.netid) columns.push_back({"Netid"});
    for (Column c : {Column{"State"}, Column{"Recv-Q", Align::right}, Column{"Send-Q", Align::right},
                     Column{"Local Address:Port", Align::right}, Column{"Peer Address:Port"}}) {
        columns.push_back(c);
    }
    if (shape.processes || options.extended) columns.push_back({"Process"});
    sink.section({.name = shape.section, .record_type = shape.record_type, .columns = columns, .header = options.header});
}

void SocketTable::add(const Socket& socket, const InterfaceNamer& namer) {
    if (sink_.structured()) {
        sink_.record(socket_json(socket, namer));
        return;
    }
    cells_.clear();
    if (shape_.netns) cells_.push_back(socket.netns);
    if (shape_.netid) cells_.push_back(protocol_name(socket.protocol));
    cells_.push_back(std::string(state_display_name(socket.state)));
    cells_.push_back(std::to_string(socket.recv_q));
    // ss prints the queue as a signed int: a UDP socket torn down shows -1.
    cells_.push_back(std::to_string(static_cast<int32_t>(socket.send_q)));
    cells_.push_back(local_text(socket, namer));
    cells_.push_back(peer_text(socket));
    if (shape_.processes || options_.extended) {
        std::string process = process_cell(socket);
        if (options_.extended) {
            process += (process.empty() ? "" : " ") + std::string("uid:") + std::to_string(socket.uid) +
                       " ino:" + std::to_string(socket.inode) + " sk:" + std::to_string(socket.cookie);
        }
        cells_.push_back(process);
    }
    sink_.row(cells_);
    // Detail lines (-i, -m) go under their socket's row, as ss prints them.
    std::string detail;
    if (options_.memory && socket.memory) detail += memory_line(*socket.memory);
    if (options_.tcp_info && socket.tcp_info) detail += (detail.empty() ? "" : " ") + tcp_info_line(*socket.tcp_info);
    if (!detail.empty()) sink_.line("\t " + detail);
}

void present_sockets(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options) {
    if (report.summary) {
        present_summaries(sink, report);
    } else {
        present_table(sink, report, options);
    }
    if (!report.top.empty()) present_top(sink, report);
}

}  // namespace netlens::sockets
