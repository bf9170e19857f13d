#include "sockets/socket_text.h"

#include <iomanip>
#include <sstream>

#include "core/color.h"
#include "core/diagnosis_text.h"
#include "core/text_table.h"
#include "sockets/diag_query.h"
#include "sockets/endpoint_text.h"
#include "sockets/states.h"

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

bool labelled(const SocketsReport& report) {
    for (const auto& view : report.views) {
        if (!view.netns.empty()) return true;
    }
    return false;
}

void print_table(std::ostream& out, const SocketsReport& report, const SocketTextOptions& options) {
    const bool netns = labelled(report);
    std::vector<Column> columns;
    if (netns) columns.push_back({"NetNS"});
    if (report.several_protocols) columns.push_back({"Netid"});
    for (Column c : {Column{"State"}, Column{"Recv-Q", Align::right}, Column{"Send-Q", Align::right},
                     Column{"Local Address:Port", Align::right}, Column{"Peer Address:Port"}}) {
        columns.push_back(c);
    }
    const bool process_column = report.processes || options.extended;
    if (process_column) columns.push_back({"Process"});

    // Detail lines (-i, -m) break the table, so rows are printed in runs between them.
    const bool details = options.tcp_info || options.memory;
    TextTable table(columns);
    bool header = options.header;
    auto flush = [&] {
        table.print(out, header);
        header = false;
        table = TextTable(columns);
    };
    for (const auto& view : report.views) {
        const InterfaceNamer namer = [&](uint32_t index) { return interface_name(view, index); };
        for (const auto& socket : view.sockets) {
            std::vector<std::string> cells;
            if (netns) cells.push_back(view.netns);
            if (report.several_protocols) cells.push_back(protocol_name(socket.protocol));
            cells.push_back(std::string(state_display_name(socket.state)));
            cells.push_back(std::to_string(socket.recv_q));
            cells.push_back(std::to_string(socket.send_q));
            cells.push_back(local_text(socket, namer));
            cells.push_back(peer_text(socket));
            if (process_column) {
                std::string process = process_cell(socket);
                if (options.extended) {
                    process += (process.empty() ? "" : " ") + std::string("uid:") + std::to_string(socket.uid) +
                               " ino:" + std::to_string(socket.inode) + " sk:" + std::to_string(socket.cookie);
                }
                cells.push_back(process);
            }
            table.add_row(std::move(cells));
            if (!details) continue;
            std::string detail;
            if (options.memory && socket.memory) detail += memory_line(*socket.memory);
            if (options.tcp_info && socket.tcp_info) detail += (detail.empty() ? "" : " ") + tcp_info_line(*socket.tcp_info);
            if (detail.empty()) continue;
            flush();
            out << "\t " << detail << '\n';
        }
    }
    if (!table.empty() || header) table.print(out, header);
}

void print_summary(std::ostream& out, const SocketsView& view, bool color) {
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
}

void print_top(std::ostream& out, const SocketsReport& report) {
    TextTable table({{"COUNT", Align::right}, {"KEY"}});
    for (const auto& row : report.top) table.add_row({std::to_string(row.sockets), row.key});
    out << '\n';
    table.print(out);
}

}  // namespace

void print_sockets_text(std::ostream& out, const SocketsReport& report, const SocketTextOptions& options) {
    if (report.summary) {
        bool first = true;
        for (const auto& view : report.views) {
            if (!first) out << '\n';
            first = false;
            print_summary(out, view, options.color);
        }
    } else {
        print_table(out, report, options);
    }
    if (!report.top.empty()) print_top(out, report);
    print_diagnosis_text(out, report.diagnosis, options.color);
}

}  // namespace netlens::sockets
