#include "sockets/present/socket_json.h"

#include "sockets/diag/diag_query.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {

namespace {

Json memory_json(const SocketMemory& memory) {
    return {{"rmem_alloc", memory.rmem_alloc}, {"rcvbuf", memory.rcvbuf},       {"wmem_alloc", memory.wmem_alloc},
            {"sndbuf", memory.sndbuf},         {"fwd_alloc", memory.fwd_alloc}, {"wmem_queued", memory.wmem_queued},
            {"optmem", memory.optmem},         {"backlog", memory.backlog},     {"drops", memory.drops}};
}

Json processes_json(const std::vector<ProcessRef>& processes) {
    Json list = Json::array();
    for (const auto& p : processes) list.push_back({{"pid", p.pid}, {"fd", p.fd}, {"command", p.command}});
    return list;
}

}  // namespace

Json tcp_info_json(const TcpInfo& info) {
    return {
        {"rtt_us", info.rtt_us},
        {"rttvar_us", info.rttvar_us},
        {"snd_cwnd", info.snd_cwnd},
        {"snd_ssthresh", info.snd_ssthresh},
        {"snd_mss", info.snd_mss},
        {"rcv_mss", info.rcv_mss},
        {"retransmits", info.retransmits},
        {"total_retrans", info.total_retrans},
        {"unacked", info.unacked},
        {"lost", info.lost},
        {"sacked", info.sacked},
        {"bytes_sent", info.bytes_sent},
        {"bytes_acked", info.bytes_acked},
        {"bytes_received", info.bytes_received},
        {"bytes_retrans", info.bytes_retrans},
        {"delivery_rate_bytes_per_s", info.delivery_rate_bps},
        {"pacing_rate_bytes_per_s", info.pacing_rate_bps},
        {"busy_time_us", info.busy_time_us},
        {"rwnd_limited_us", info.rwnd_limited_us},
        {"sndbuf_limited_us", info.sndbuf_limited_us},
        {"last_send_ms", info.last_send_ms},
        {"last_receive_ms", info.last_receive_ms},
        {"last_ack_ms", info.last_ack_ms},
        {"rto_ms", info.rto_ms},
        {"backoff", info.backoff},
        {"congestion", info.congestion},
    };
}

Json socket_json(const Socket& socket, const InterfaceNamer& interface_name) {
    Json record = {
        {"netid", protocol_name(socket.protocol)},
        {"state", std::string(state_display_name(socket.state))},
        {"recv_q", socket.recv_q},
        {"send_q", socket.send_q},
    };
    if (is_unix(socket.protocol)) {
        record["path"] = socket.local.path;
        record["peer_inode"] = socket.peer_inode;
    } else {
        record["local_address"] = address_text(socket.local);
        record["local_port"] = socket.local.port;
        record["peer_address"] = address_text(socket.peer);
        record["peer_port"] = socket.peer.port;
        const std::string interface =
            socket.local.scope_ifindex != 0 && interface_name ? interface_name(socket.local.scope_ifindex) : "";
        record["interface"] = interface.empty() ? Json(nullptr) : Json(interface);
    }
    record["local"] = local_text(socket, interface_name);
    record["peer"] = peer_text(socket);
    record["inode"] = socket.inode;
    record["uid"] = socket.uid;
    record["cookie"] = socket.cookie;
    if (socket.tcp_info) record["tcp_info"] = tcp_info_json(*socket.tcp_info);
    if (socket.memory) record["memory"] = memory_json(*socket.memory);
    if (!socket.processes.empty()) record["processes"] = processes_json(socket.processes);
    if (!socket.netns.empty()) record["netns"] = socket.netns;
    return record;
}

}  // namespace netlens::sockets
