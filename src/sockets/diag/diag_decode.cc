#include "sockets/diag/diag_decode.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/mptcp.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>

#include <cstring>

#include "netlink/attributes.h"
#include "sockets/diag/netlink_diag.h"
#include "sockets/diag/packet_diag.h"

namespace netlens::sockets {

namespace {

using netlink::AttributeIndex;

Endpoint inet_endpoint(int family, const uint32_t (&address)[4], uint16_t port_be, uint32_t ifindex) {
    Endpoint endpoint;
    endpoint.address.family = family;
    std::memcpy(endpoint.address.bytes.data(), address, family == AF_INET ? 4 : 16);
    endpoint.port = ntohs(port_be);
    endpoint.scope_ifindex = ifindex;
    return endpoint;
}

TcpInfo decode_tcp_info(const tcp_info& info) {
    TcpInfo out;
    out.rtt_us = info.tcpi_rtt;
    out.rttvar_us = info.tcpi_rttvar;
    out.snd_cwnd = info.tcpi_snd_cwnd;
    out.snd_ssthresh = info.tcpi_snd_ssthresh;
    out.snd_mss = info.tcpi_snd_mss;
    out.rcv_mss = info.tcpi_rcv_mss;
    out.retransmits = info.tcpi_retransmits;
    out.total_retrans = info.tcpi_total_retrans;
    out.unacked = info.tcpi_unacked;
    out.lost = info.tcpi_lost;
    out.sacked = info.tcpi_sacked;
    out.bytes_acked = info.tcpi_bytes_acked;
    out.bytes_received = info.tcpi_bytes_received;
    out.bytes_sent = info.tcpi_bytes_sent;
    out.bytes_retrans = info.tcpi_bytes_retrans;
    out.delivery_rate_bps = info.tcpi_delivery_rate;
    out.pacing_rate_bps = info.tcpi_pacing_rate;
    out.busy_time_us = info.tcpi_busy_time;
    out.rwnd_limited_us = info.tcpi_rwnd_limited;
    out.sndbuf_limited_us = info.tcpi_sndbuf_limited;
    out.last_send_ms = info.tcpi_last_data_sent;
    out.last_receive_ms = info.tcpi_last_data_recv;
    out.last_ack_ms = info.tcpi_last_ack_recv;
    out.rto_ms = info.tcpi_rto / 1000;
    out.rto_us = info.tcpi_rto;
    out.backoff = info.tcpi_backoff;
    out.max_pacing_rate_bps = info.tcpi_max_pacing_rate;
    out.options = info.tcpi_options;
    out.snd_wscale = info.tcpi_snd_wscale;
    out.rcv_wscale = info.tcpi_rcv_wscale;
    out.delivery_rate_app_limited = info.tcpi_delivery_rate_app_limited;
    out.retrans = info.tcpi_retrans;
    out.ato_us = info.tcpi_ato;
    out.advmss = info.tcpi_advmss;
    out.pmtu = info.tcpi_pmtu;
    out.rcv_ssthresh = info.tcpi_rcv_ssthresh;
    out.rcv_rtt_us = info.tcpi_rcv_rtt;
    out.rcv_space = info.tcpi_rcv_space;
    out.fackets = info.tcpi_fackets;
    out.reordering = info.tcpi_reordering;
    out.segs_out = info.tcpi_segs_out;
    out.segs_in = info.tcpi_segs_in;
    out.data_segs_out = info.tcpi_data_segs_out;
    out.data_segs_in = info.tcpi_data_segs_in;
    out.notsent_bytes = info.tcpi_notsent_bytes;
    out.min_rtt_us = info.tcpi_min_rtt;
    out.delivered = info.tcpi_delivered;
    out.delivered_ce = info.tcpi_delivered_ce;
    out.dsack_dups = info.tcpi_dsack_dups;
    out.reord_seen = info.tcpi_reord_seen;
    out.rcv_ooopack = info.tcpi_rcv_ooopack;
    out.snd_wnd = info.tcpi_snd_wnd;
    return out;
}

MptcpInfo decode_mptcp_info(const mptcp_info& info) {
    MptcpInfo out;
    out.subflows = info.mptcpi_subflows;
    out.add_addr_signal = info.mptcpi_add_addr_signal;
    out.add_addr_accepted = info.mptcpi_add_addr_accepted;
    out.subflows_max = info.mptcpi_subflows_max;
    out.add_addr_signal_max = info.mptcpi_add_addr_signal_max;
    out.add_addr_accepted_max = info.mptcpi_add_addr_accepted_max;
    out.flags = info.mptcpi_flags;
    out.token = info.mptcpi_token;
    out.write_seq = info.mptcpi_write_seq;
    out.snd_una = info.mptcpi_snd_una;
    out.rcv_nxt = info.mptcpi_rcv_nxt;
    return out;
}

}  // namespace

std::shared_ptr<SocketMemory> decode_memory(const nlattr* attribute) {
    if (attribute == nullptr) return nullptr;
    uint32_t values[SK_MEMINFO_VARS] = {};
    const auto bytes = netlink::read_bytes(attribute);
    std::memcpy(values, bytes.data(), std::min(bytes.size(), sizeof(values)));
    auto memory = std::make_shared<SocketMemory>();
    memory->fields = static_cast<uint32_t>(bytes.size() / sizeof(uint32_t));
    memory->rmem_alloc = values[SK_MEMINFO_RMEM_ALLOC];
    memory->rcvbuf = values[SK_MEMINFO_RCVBUF];
    memory->wmem_alloc = values[SK_MEMINFO_WMEM_ALLOC];
    memory->sndbuf = values[SK_MEMINFO_SNDBUF];
    memory->fwd_alloc = values[SK_MEMINFO_FWD_ALLOC];
    memory->wmem_queued = values[SK_MEMINFO_WMEM_QUEUED];
    memory->optmem = values[SK_MEMINFO_OPTMEM];
    memory->backlog = values[SK_MEMINFO_BACKLOG];
    memory->drops = values[SK_MEMINFO_DROPS];
    return memory;
}

namespace {

// What the kernel attaches to every full socket (shutdown, v6only, mark, cgroup, the
// --inet-sockopt flags) and what --tos asks for; each stays absent when the kernel left it out.
void decode_inet_extras(const AttributeIndex& attributes, Socket& socket) {
    socket.shutdown = netlink::read_u8(attributes.get(INET_DIAG_SHUTDOWN));
    socket.v6only = netlink::read_u8(attributes.get(INET_DIAG_SKV6ONLY));
    socket.mark = netlink::read_u32(attributes.get(INET_DIAG_MARK));
    socket.cgroup_id = netlink::read_u64(attributes.get(INET_DIAG_CGROUP_ID));
    socket.tos = netlink::read_u8(attributes.get(INET_DIAG_TOS));
    socket.tclass = netlink::read_u8(attributes.get(INET_DIAG_TCLASS));
    socket.class_id = netlink::read_u32(attributes.get(INET_DIAG_CLASS_ID));
    // ss ignores a shorter attribute, and so do we.
    if (const auto bytes = netlink::read_bytes(attributes.get(INET_DIAG_SOCKOPT));
        bytes.size() >= sizeof(inet_diag_sockopt)) {
        socket.inet_sockopt = static_cast<uint16_t>(bytes[0] | bytes[1] << 8);
    }
}

void decode_unix_extras(const AttributeIndex& attributes, Socket& socket) {
    socket.shutdown = netlink::read_u8(attributes.get(UNIX_DIAG_SHUTDOWN));
    if (auto vfs = netlink::read_struct<unix_diag_vfs>(attributes.get(UNIX_DIAG_VFS))) {
        socket.unix_vfs_inode = vfs->udiag_vfs_ino;
        socket.unix_vfs_dev = vfs->udiag_vfs_dev;
    }
    const auto peers = netlink::read_bytes(attributes.get(UNIX_DIAG_ICONS));
    socket.unix_pending_peers.resize(peers.size() / sizeof(uint32_t));
    if (!socket.unix_pending_peers.empty()) {
        std::memcpy(socket.unix_pending_peers.data(), peers.data(), socket.unix_pending_peers.size() * sizeof(uint32_t));
    }
}

// The kernel numbers UNIX states like TCP ones (TCP_LISTEN, TCP_ESTABLISHED, ...).
TcpState state_from_kernel(uint8_t state) {
    if (state >= 1 && state <= 12) return static_cast<TcpState>(state);
    return TcpState::close;
}

std::optional<Protocol> unix_protocol(uint8_t type) {
    switch (type) {
        case SOCK_STREAM: return Protocol::unix_stream;
        case SOCK_DGRAM: return Protocol::unix_dgram;
        case SOCK_SEQPACKET: return Protocol::unix_seqpacket;
        default: return std::nullopt;
    }
}

// Abstract names begin with a NUL byte; ss shows them with a leading '@'.
std::string unix_name(const nlattr* attribute) {
    const auto bytes = netlink::read_bytes(attribute);
    if (bytes.empty()) return "";
    std::string name(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (name.front() == '\0') {
        name.front() = '@';
        return name;
    }
    return name.substr(0, name.find('\0'));
}

}  // namespace

std::optional<Socket> decode_inet_socket(const nlmsghdr* message, Protocol protocol) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(inet_diag_msg)) return std::nullopt;
    const auto* msg = static_cast<const inet_diag_msg*>(mnl_nlmsg_get_payload(message));
    if (msg->idiag_family != AF_INET && msg->idiag_family != AF_INET6) return std::nullopt;
    AttributeIndex attributes;
    if (!attributes.parse(message, sizeof(inet_diag_msg))) return std::nullopt;

    Socket socket;
    socket.protocol = protocol;
    socket.state = state_from_kernel(msg->idiag_state);
    socket.local = inet_endpoint(msg->idiag_family, msg->id.idiag_src, msg->id.idiag_sport, msg->id.idiag_if);
    socket.peer = inet_endpoint(msg->idiag_family, msg->id.idiag_dst, msg->id.idiag_dport, 0);
    socket.recv_q = msg->idiag_rqueue;
    socket.send_q = msg->idiag_wqueue;
    socket.inode = msg->idiag_inode;
    socket.uid = msg->idiag_uid;
    socket.cookie = (uint64_t{msg->id.idiag_cookie[1]} << 32) | msg->id.idiag_cookie[0];
    socket.timer = msg->idiag_timer;
    socket.timer_expires_ms = msg->idiag_expires;
    socket.timer_retransmits = msg->idiag_retrans;
    if (auto info = netlink::read_struct<tcp_info>(attributes.get(INET_DIAG_INFO)); info && protocol == Protocol::tcp) {
        socket.tcp_info = std::make_shared<TcpInfo>(decode_tcp_info(*info));
        socket.tcp_info->congestion = netlink::read_string(attributes.get(INET_DIAG_CONG)).value_or("");
        if (auto vegas = netlink::read_struct<tcpvegas_info>(attributes.get(INET_DIAG_VEGASINFO));
            vegas && vegas->tcpv_enabled && vegas->tcpv_rtt != 0x7fffffff) {
            socket.tcp_info->vegas_rtt_us = vegas->tcpv_rtt;
        }
        if (auto bbr = netlink::read_struct<tcp_bbr_info>(attributes.get(INET_DIAG_BBRINFO))) {
            socket.tcp_info->bbr = true;
            socket.tcp_info->bbr_bw_bytes_per_s = uint64_t{bbr->bbr_bw_hi} << 32 | bbr->bbr_bw_lo;
            socket.tcp_info->bbr_min_rtt_us = bbr->bbr_min_rtt;
            socket.tcp_info->bbr_pacing_gain = bbr->bbr_pacing_gain;
            socket.tcp_info->bbr_cwnd_gain = bbr->bbr_cwnd_gain;
        }
    }
    // MPTCP sockets answer INET_DIAG_INFO with struct mptcp_info (shorter from older kernels).
    if (auto info = netlink::read_struct<mptcp_info>(attributes.get(INET_DIAG_INFO)); info && protocol == Protocol::mptcp) {
        socket.mptcp_info = std::make_shared<MptcpInfo>(decode_mptcp_info(*info));
    }
    decode_inet_extras(attributes, socket);
    socket.memory = decode_memory(attributes.get(INET_DIAG_SKMEMINFO));
    return socket;
}

std::optional<Socket> decode_unix_socket(const nlmsghdr* message) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(unix_diag_msg)) return std::nullopt;
    const auto* msg = static_cast<const unix_diag_msg*>(mnl_nlmsg_get_payload(message));
    const auto protocol = unix_protocol(msg->udiag_type);
    AttributeIndex attributes;
    if (msg->udiag_family != AF_UNIX || !protocol || !attributes.parse(message, sizeof(unix_diag_msg))) {
        return std::nullopt;
    }
    Socket socket;
    socket.protocol = *protocol;
    socket.state = state_from_kernel(msg->udiag_state);
    socket.inode = msg->udiag_ino;
    socket.cookie = (uint64_t{msg->udiag_cookie[1]} << 32) | msg->udiag_cookie[0];
    socket.local.path = unix_name(attributes.get(UNIX_DIAG_NAME));
    socket.peer_inode = netlink::read_u32(attributes.get(UNIX_DIAG_PEER)).value_or(0);
    if (auto queues = netlink::read_struct<unix_diag_rqlen>(attributes.get(UNIX_DIAG_RQLEN))) {
        socket.recv_q = queues->udiag_rqueue;
        socket.send_q = queues->udiag_wqueue;
    }
    socket.uid = netlink::read_u32(attributes.get(UNIX_DIAG_UID)).value_or(0);
    socket.memory = decode_memory(attributes.get(UNIX_DIAG_MEMINFO));
    decode_unix_extras(attributes, socket);
    return socket;
}

Socket stateless_socket(Protocol protocol, int family, uint32_t protocol_number, uint32_t inode,
                        const uint32_t (&cookie)[2]) {
    Socket socket;
    socket.protocol = protocol;
    socket.state = TcpState::close;
    socket.inode = inode;
    socket.cookie = (uint64_t{cookie[1]} << 32) | cookie[0];
    socket.local.address.family = family;
    socket.peer.address.family = family;
    std::memcpy(socket.local.address.bytes.data(), &protocol_number, sizeof(protocol_number));
    return socket;
}

DecodedSockets decode_diag_messages(std::span<const uint8_t> buffer, Protocol inet_protocol) {
    DecodedSockets decoded;
    netlink::for_each_message(buffer, [&](const nlmsghdr* message) {
        if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
        if (message->nlmsg_len < MNL_NLMSG_HDRLEN + 1) {
            ++decoded.undecodable;
            return;
        }
        const uint8_t family = *static_cast<const uint8_t*>(mnl_nlmsg_get_payload(message));
        auto socket = family == AF_UNIX      ? decode_unix_socket(message)
                      : family == AF_PACKET  ? decode_packet_socket(message)
                      : family == AF_NETLINK ? decode_netlink_socket(message)
                                             : decode_inet_socket(message, inet_protocol);
        if (socket) {
            decoded.sockets.push_back(std::move(*socket));
        } else {
            ++decoded.undecodable;
        }
    });
    return decoded;
}

}  // namespace netlens::sockets
