#include "sockets/present/socket_json.h"

#include <sys/sysmacros.h>

#include <algorithm>

#include "sockets/diag/diag_query.h"
#include "sockets/present/kind_json.h"
#include "sockets/present/kind_text.h"
#include "sockets/present/inet_sockopt_text.h"
#include "sockets/present/socket_extras_text.h"
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
        JsonRecord& record = list.emplace_back().number("pid", p.pid);
        if (p.tid != 0) record.number("tid", p.tid);  // -T
        record.number("fd", p.fd).text("command", p.command);
    }
    return list;
}

// The attributes behind -o, -e, --tos, --cgroup and --inet-sockopt, each only when the
// kernel sent it.
void append_extras_json(JsonRecord& record, const Socket& socket) {
    if (socket.timer != 0) {
        record.text("timer", timer_name(socket.timer))
            .unsigned_number("timer_expires_ms", socket.timer_expires_ms)
            .unsigned_number("timer_retransmits", socket.timer_retransmits);
    }
    if (socket.shutdown) {
        record.boolean("shutdown_receive", (*socket.shutdown & 1) != 0).boolean("shutdown_send", (*socket.shutdown & 2) != 0);
    }
    if (socket.v6only) record.boolean("v6only", *socket.v6only != 0);
    if (socket.mark) record.unsigned_number("fwmark", *socket.mark);
    // The id only: its path is this host's view of the cgroup tree, not part of what
    // the kernel said (and a replay on another host would name another cgroup).
    if (socket.cgroup_id) record.unsigned_number("cgroup_id", *socket.cgroup_id);
    if (socket.tos) record.unsigned_number("tos", *socket.tos);
    if (socket.tclass) record.unsigned_number("tclass", *socket.tclass);
    if (socket.class_id) record.unsigned_number("class_id", *socket.class_id);
    if (socket.inet_sockopt) record.texts("inet_sockopt", inet_sockopt_names(*socket.inet_sockopt));
    if (socket.unix_vfs_inode) {
        record.unsigned_number("vfs_inode", *socket.unix_vfs_inode)
            .unsigned_number("vfs_dev_major", major(socket.unix_vfs_dev))
            .unsigned_number("vfs_dev_minor", minor(socket.unix_vfs_dev));
    }
    if (!socket.unix_pending_peers.empty()) {
        std::vector<JsonRecord> peers;
        for (const uint32_t peer : socket.unix_pending_peers) peers.emplace_back().unsigned_number("inode", peer);
        record.array("pending_peers", peers);
    }
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
        .text("congestion", info.congestion)
        .unsigned_number("options", info.options)
        .unsigned_number("snd_wscale", info.snd_wscale)
        .unsigned_number("rcv_wscale", info.rcv_wscale)
        .unsigned_number("rto_us", info.rto_us)
        .unsigned_number("ato_us", info.ato_us)
        .unsigned_number("advmss", info.advmss)
        .unsigned_number("pmtu", info.pmtu)
        .unsigned_number("retrans", info.retrans)
        .unsigned_number("rcv_ssthresh", info.rcv_ssthresh)
        .unsigned_number("rcv_rtt_us", info.rcv_rtt_us)
        .unsigned_number("rcv_space", info.rcv_space)
        .unsigned_number("fackets", info.fackets)
        .unsigned_number("reordering", info.reordering)
        .unsigned_number("segs_out", info.segs_out)
        .unsigned_number("segs_in", info.segs_in)
        .unsigned_number("data_segs_out", info.data_segs_out)
        .unsigned_number("data_segs_in", info.data_segs_in)
        .unsigned_number("notsent_bytes", info.notsent_bytes)
        .unsigned_number("min_rtt_us", info.min_rtt_us)
        .unsigned_number("max_pacing_rate_bytes_per_s", info.max_pacing_rate_bps)
        .boolean("delivery_rate_app_limited", info.delivery_rate_app_limited != 0)
        .unsigned_number("delivered", info.delivered)
        .unsigned_number("delivered_ce", info.delivered_ce)
        .unsigned_number("dsack_dups", info.dsack_dups)
        .unsigned_number("reord_seen", info.reord_seen)
        .unsigned_number("rcv_ooopack", info.rcv_ooopack)
        .unsigned_number("snd_wnd", info.snd_wnd);
    if (info.bbr) {
        record.unsigned_number("bbr_bw_bytes_per_s", info.bbr_bw_bytes_per_s)
            .unsigned_number("bbr_min_rtt_us", info.bbr_min_rtt_us)
            .unsigned_number("bbr_pacing_gain", info.bbr_pacing_gain)
            .unsigned_number("bbr_cwnd_gain", info.bbr_cwnd_gain);
    }
    return record;
}

JsonRecord socket_json(const Socket& socket, const InterfaceNamer& interface_name) {
    JsonRecord record;
    record.text("netid", protocol_name(socket.protocol))
        .text("state", state_display_name(socket.state))
        .unsigned_number("recv_q", socket.recv_q)
        .unsigned_number("send_q", socket.send_q);
    if (has_kind_text(socket)) {
        append_kind_json(record, socket, interface_name);
    } else if (is_unix(socket.protocol)) {
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
    if (!has_kind_text(socket)) record.text("local", local_text(socket, interface_name)).text("peer", peer_text(socket));
    record.unsigned_number("inode", socket.inode)
        .unsigned_number("uid", socket.uid)
        .unsigned_number("cookie", socket.cookie);
    append_extras_json(record, socket);
    if (socket.tcp_info) record.object("tcp_info", tcp_info_json(*socket.tcp_info));
    if (socket.mptcp_info) record.object("mptcp_info", mptcp_info_json(*socket.mptcp_info));
    if (socket.memory) record.object("memory", memory_json(*socket.memory));
    if (!socket.processes.empty()) record.array("processes", processes_json(socket.processes));
    if (!socket.netns.empty()) record.text("netns", socket.netns);
    return record;
}

}  // namespace netlens::sockets
