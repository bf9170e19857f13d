#include "sockets/present/socket_json.h"

#include "sockets/diag/diag_query.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {

namespace {

JsonRecord memory_json(const SocketMemory& memory) {
    JsonRecord record;
    record.unsigned_number("rmem_alloc", memory.rmem_alloc)
        .unsigned_number("rcvbuf", memory.rcvbuf)
        .unsigned_number("wmem_alloc", memory.wmem_alloc)
        .unsigned_number("sndbuf", memory.sndbuf)
        .unsigned_number("fwd_alloc", memory.fwd_alloc)
        .unsigned_number("wmem_queued", memory.wmem_queued)
        .unsigned_number("optmem", memory.optmem)
        .unsigned_number("backlog", memory.backlog)
        .unsigned_number("drops", memory.drops);
    return record;
}

std::vector<JsonRecord> processes_json(const std::vector<ProcessRef>& processes) {
    std::vector<JsonRecord> list;
    for (const auto& p : processes) {
        list.emplace_back().number("pid", p.pid).number("fd", p.fd).text("command", p.command);
    }
    return list;
}

}  // namespace

JsonRecord tcp_info_json(const TcpInfo& info) {
    JsonRecord record;
    record.unsigned_number("rtt_us", info.rtt_us)
        .unsigned_number("rttvar_us", info.rttvar_us)
        .unsigned_number("snd_cwnd", info.snd_cwnd)
        .unsigned_number("snd_ssthresh", info.snd_ssthresh)
        .unsigned_number("snd_mss", info.snd_mss)
        .unsigned_number("rcv_mss", info.rcv_mss)
        .unsigned_number("retransmits", info.retransmits)
        .unsigned_number("total_retrans", info.total_retrans)
        .unsigned_number("unacked", info.unacked)
        .unsigned_number("lost", info.lost)
        .unsigned_number("sacked", info.sacked)
        .unsigned_number("bytes_sent", info.bytes_sent)
        .unsigned_number("bytes_acked", info.bytes_acked)
        .unsigned_number("bytes_received", info.bytes_received)
        .unsigned_number("bytes_retrans", info.bytes_retrans)
        .unsigned_number("delivery_rate_bytes_per_s", info.delivery_rate_bps)
        .unsigned_number("pacing_rate_bytes_per_s", info.pacing_rate_bps)
        .unsigned_number("busy_time_us", info.busy_time_us)
        .unsigned_number("rwnd_limited_us", info.rwnd_limited_us)
        .unsigned_number("sndbuf_limited_us", info.sndbuf_limited_us)
        .unsigned_number("last_send_ms", info.last_send_ms)
        .unsigned_number("last_receive_ms", info.last_receive_ms)
        .unsigned_number("last_ack_ms", info.last_ack_ms)
        .unsigned_number("rto_ms", info.rto_ms)
        .unsigned_number("backoff", info.backoff)
        .text("congestion", info.congestion);
    return record;
}

JsonRecord socket_json(const Socket& socket, const InterfaceNamer& interface_name) {
    JsonRecord record;
    record.text("netid", protocol_name(socket.protocol))
        .text("state", state_display_name(socket.state))
        .unsigned_number("recv_q", socket.recv_q)
        .unsigned_number("send_q", socket.send_q);
    if (is_unix(socket.protocol)) {
        record.text("path", socket.local.path).unsigned_number("peer_inode", socket.peer_inode);
    } else {
        const std::string interface =
            socket.local.scope_ifindex != 0 && interface_name ? interface_name(socket.local.scope_ifindex) : "";
        record.text("local_address", address_text(socket.local))
            .unsigned_number("local_port", socket.local.port)
            .text("peer_address", address_text(socket.peer))
            .unsigned_number("peer_port", socket.peer.port)
            .text_or_null("interface", interface);
    }
    record.text("local", local_text(socket, interface_name))
        .text("peer", peer_text(socket))
        .unsigned_number("inode", socket.inode)
        .unsigned_number("uid", socket.uid)
        .unsigned_number("cookie", socket.cookie);
    if (socket.tcp_info) record.object("tcp_info", tcp_info_json(*socket.tcp_info));
    if (socket.memory) record.object("memory", memory_json(*socket.memory));
    if (!socket.processes.empty()) record.array("processes", processes_json(socket.processes));
    if (!socket.netns.empty()) record.text("netns", socket.netns);
    return record;
}

}  // namespace netlens::sockets
