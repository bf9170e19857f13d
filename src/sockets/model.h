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

enum class Protocol { tcp, udp, raw, unix_stream, unix_dgram, unix_seqpacket };

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
    uint64_t busy_time_us = 0;
    uint64_t rwnd_limited_us = 0;
    uint64_t sndbuf_limited_us = 0;
    uint32_t last_send_ms = 0;
    uint32_t last_receive_ms = 0;
    uint32_t last_ack_ms = 0;
    uint32_t rto_ms = 0;
    uint32_t backoff = 0;
    std::string congestion;          // "cubic"
};

struct SocketMemory {
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

struct ProcessRef {
    int pid = 0;
    int fd = 0;
    std::string command;  // comm, as ss prints it ("nginx")
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
    std::optional<uint32_t> mark;      // SO_MARK, sent to CAP_NET_ADMIN only
    std::optional<uint64_t> cgroup_id; // cgroup v2 id of the creating task
    // Behind pointers so that a Socket stays small: tables of 100 k sockets are built,
    // moved and filtered, and most of them carry no details (only -i / -m ask).
    std::shared_ptr<TcpInfo> tcp_info;
    std::shared_ptr<SocketMemory> memory;
    std::vector<ProcessRef> processes;
    std::string netns;        // label when --netns/--all-netns
};

}  // namespace netlens::sockets
