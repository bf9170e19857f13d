// Plain records for sockets as sock_diag reports them (what ss prints), plus the
// optional per-socket details asked for with -i (tcp_info), -m (memory) and -p
// (owning processes). Decoders fill them; filters, summaries and printers read them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ip_address.h"

namespace netlens::sockets {

enum class Protocol { tcp, udp, raw, unix_stream, unix_dgram, unix_seqpacket, mptcp, packet_raw, packet_dgram, netlink };

// TCP states with the kernel's numbering (include/net/tcp_states.h), which is also
// the bit position in sock_diag's state mask. UDP and RAW sockets use close (UNCONN)
// and established (connected).
enum class TcpState : uint8_t {
    established = 1,
    syn_sent = 2,
    syn_recv = 3,
    fin_wait1 = 4,
    fin_wait2 = 5,
    time_wait = 6,
    close = 7,
    close_wait = 8,
    last_ack = 9,
    listen = 10,
    closing = 11,
    new_syn_recv = 12,
};
inline constexpr uint32_t state_bit(TcpState state) { return 1U << static_cast<unsigned>(state); }
inline constexpr uint32_t kAllStates = 0xFFF << 1;  // bits 1..12

// An address and port as ss prints it; for UNIX sockets `path` is the bound name
// ("@name" for the abstract namespace) and address/port are unused.
struct Endpoint {
    IpAddress address;  // family 0 for UNIX
    uint16_t port = 0;
    uint32_t scope_ifindex = 0;  // link-local scope or SO_BINDTODEVICE
    std::string path;
};

// What TCP_INFO says about a connection (fields named with their units).
struct TcpInfo {
    uint32_t rtt_us = 0;
    uint32_t rttvar_us = 0;
    uint32_t snd_cwnd = 0;
    uint32_t snd_ssthresh = 0;
    uint32_t snd_mss = 0;
    uint32_t rcv_mss = 0;
    uint32_t retransmits = 0;        // current consecutive retransmissions
    uint32_t total_retrans = 0;
    uint32_t unacked = 0;
    uint32_t lost = 0;
    uint32_t sacked = 0;
    uint64_t bytes_acked = 0;
    uint64_t bytes_received = 0;
    uint64_t bytes_sent = 0;
    uint64_t bytes_retrans = 0;
    uint64_t delivery_rate_bps = 0;  // bytes per second, as the kernel reports
    uint64_t pacing_rate_bps = 0;
    uint64_t max_pacing_rate_bps = 0;
    uint64_t busy_time_us = 0;
    uint64_t rwnd_limited_us = 0;
    uint64_t sndbuf_limited_us = 0;
    uint32_t last_send_ms = 0;
    uint32_t last_receive_ms = 0;
    uint32_t last_ack_ms = 0;
    uint32_t rto_ms = 0;
    uint32_t rto_us = 0;             // as sent; ss prints it in ms with fractions
    uint32_t backoff = 0;
    // The rest of struct tcp_info that ss -i prints (zero when an older kernel sent a
    // shorter struct: ss prints nothing for a zero, so neither do we).
    uint8_t options = 0;             // TCPI_OPT_* bits
    uint8_t snd_wscale = 0;
    uint8_t rcv_wscale = 0;
    uint8_t delivery_rate_app_limited = 0;
    uint32_t retrans = 0;            // segments retransmitted and not yet acknowledged
    uint32_t ato_us = 0;
    uint32_t advmss = 0;
    uint32_t pmtu = 0;
    uint32_t rcv_ssthresh = 0;
    uint32_t rcv_rtt_us = 0;
    uint32_t rcv_space = 0;
    uint32_t fackets = 0;
    uint32_t reordering = 0;
    uint32_t segs_out = 0;
    uint32_t segs_in = 0;
    uint32_t data_segs_out = 0;
    uint32_t data_segs_in = 0;
    uint32_t notsent_bytes = 0;
    uint32_t min_rtt_us = 0;
    uint32_t delivered = 0;
    uint32_t delivered_ce = 0;
    uint32_t dsack_dups = 0;
    uint32_t reord_seen = 0;
    uint32_t rcv_ooopack = 0;
    uint32_t snd_wnd = 0;
    uint32_t vegas_rtt_us = 0;       // INET_DIAG_VEGASINFO's rtt when vegas runs, else 0
    bool bbr = false;                // INET_DIAG_BBRINFO came (congestion control bbr)
    uint64_t bbr_bw_bytes_per_s = 0;
    uint32_t bbr_min_rtt_us = 0;
    uint32_t bbr_pacing_gain = 0;    // << 8 fixed point
    uint32_t bbr_cwnd_gain = 0;
    std::string congestion;          // "cubic"
};

struct SocketMemory {
    uint32_t fields = 9;  // how many SK_MEMINFO values the kernel sent (ss omits bl/d when absent)
    uint32_t rmem_alloc = 0;
    uint32_t rcvbuf = 0;
    uint32_t wmem_alloc = 0;
    uint32_t sndbuf = 0;
    uint32_t fwd_alloc = 0;
    uint32_t wmem_queued = 0;
    uint32_t optmem = 0;
    uint32_t backlog = 0;
    uint32_t drops = 0;
};

// What MPTCP_INFO says about an MPTCP connection (-i on -M sockets).
struct MptcpInfo {
    uint8_t subflows = 0;
    uint8_t add_addr_signal = 0;
    uint8_t add_addr_accepted = 0;
    uint8_t subflows_max = 0;
    uint8_t add_addr_signal_max = 0;
    uint8_t add_addr_accepted_max = 0;
    uint32_t flags = 0;  // MPTCP_INFO_FLAG_*
    uint32_t token = 0;
    uint64_t write_seq = 0;
    uint64_t snd_una = 0;
    uint64_t rcv_nxt = 0;
};

// A packet socket's ring (PACKET_DIAG_RX_RING / _TX_RING).
struct PacketRing {
    uint32_t block_size = 0;
    uint32_t block_count = 0;
    uint32_t frame_size = 0;
    uint32_t frame_count = 0;
    uint32_t retire_timeout_ms = 0;
    uint32_t features = 0;
};

// A classic BPF instruction as attached with SO_ATTACH_FILTER (struct sock_filter).
struct BpfInstruction {
    uint16_t code = 0;
    uint8_t jump_true = 0;
    uint8_t jump_false = 0;
    uint32_t k = 0;
};

// What packet_diag adds about a packet socket (-0): the Ethernet protocol it receives
// (host order, as the kernel reports it), its PACKET_DIAG_INFO, rings, fanout and filter.
struct PacketDetails {
    uint16_t ethernet_protocol = 0;
    bool has_info = false;
    uint32_t version = 0;          // TPACKET_V1..V3 as 0..2
    uint32_t copy_threshold = 0;
    uint32_t flags = 0;            // PDI_* bits
    std::optional<PacketRing> rx_ring;
    std::optional<PacketRing> tx_ring;
    std::optional<uint32_t> fanout;  // id in the low 16 bits, type in the high 16
    std::optional<std::vector<BpfInstruction>> filter;  // sent to CAP_NET_ADMIN only
};

// What netlink_diag says about a netlink socket.
struct NetlinkDetails {
    uint8_t netlink_protocol = 0;  // NETLINK_ROUTE, NETLINK_SOCK_DIAG, ...
    int32_t port_id = 0;           // 0 the kernel, a pid, or a negative autobound id
    bool connected = false;
    int32_t peer_port_id = 0;
    uint32_t peer_group = 0;
    uint64_t groups = 0;           // first word of NETLINK_DIAG_GROUPS
    std::string owner_command;     // comm of the process whose pid is port_id, when there is one
};

struct ProcessRef {
    int pid = 0;
    int fd = 0;
    std::string command;  // comm, as ss prints it ("nginx"); with -T the thread's own
    int tid = 0;          // -T: the thread whose table holds the fd (0: not asked)
};

struct Socket {
    Protocol protocol = Protocol::tcp;
    TcpState state = TcpState::close;
    Endpoint local;
    Endpoint peer;
    uint32_t recv_q = 0;  // LISTEN: current accept queue
    uint32_t send_q = 0;  // LISTEN: backlog limit
    uint64_t inode = 0;
    uint32_t uid = 0;
    uint64_t cookie = 0;
    uint8_t timer = 0;        // which timer runs (ss -o): 1 retransmit, 2 keepalive, 3 TIME-WAIT, 4 probe
    uint32_t timer_expires_ms = 0;
    uint8_t timer_retransmits = 0;
    uint64_t peer_inode = 0;  // UNIX: the connected peer's inode
    // Attributes the kernel adds on its own or for -e/--tos; absent when it did not send
    // them (request sockets, TIME-WAIT, older kernels), and ss then prints nothing.
    std::optional<uint8_t> shutdown;   // bit 0: no more receives, bit 1: no more sends
    std::optional<uint8_t> v6only;     // IPv6 LISTEN and UNCONN sockets
    std::optional<uint32_t> mark;      // SO_MARK, sent to CAP_NET_ADMIN only
    std::optional<uint64_t> cgroup_id; // cgroup v2 id of the creating task
    std::optional<uint8_t> tos;        // --tos: IPv4 TOS byte
    std::optional<uint8_t> tclass;     // --tos: IPv6 traffic class
    std::optional<uint32_t> class_id;  // --tos: net_cls class id, or the priority
    // INET_DIAG_SOCKOPT (--inet-sockopt), sent for every full inet socket: the bits of
    // struct inet_diag_sockopt, its first byte in the low 8 bits.
    std::optional<uint16_t> inet_sockopt;
    std::optional<uint32_t> unix_vfs_inode;  // UNIX (-e): the bound file's inode and device
    uint32_t unix_vfs_dev = 0;
    std::vector<uint32_t> unix_pending_peers;  // UNIX listeners (-e): peers in the accept queue
    // Behind pointers so that a Socket stays small: tables of 100 k sockets are built,
    // moved and filtered, and most of them carry no details (only -i / -m ask).
    std::shared_ptr<TcpInfo> tcp_info;
    std::shared_ptr<SocketMemory> memory;
    std::shared_ptr<MptcpInfo> mptcp_info;
    std::shared_ptr<PacketDetails> packet;    // packet sockets only
    std::shared_ptr<NetlinkDetails> netlink;  // netlink sockets only
    std::vector<ProcessRef> processes;
    std::string netns;        // label when --netns/--all-netns
};

}  // namespace netlens::sockets
