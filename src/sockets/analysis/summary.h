// What `ss -s` shows, and the socket counts the advice reads.
//
// ss -s prints the kernel's own counters, not a count of the dump, and so do we
// (`SsTotals`, each number named after its source):
//   Total            sockstat  "sockets: used"
//   TCP              sockstat  TCP alloc + TCP tw
//     estab          snmp      Tcp CurrEstab
//     closed         sockstat  TCP alloc - (TCP inuse + TCP6 inuse - TCP tw)
//     orphaned       sockstat  TCP orphan
//     timewait       sockstat  TCP tw
//   RAW/UDP/TCP/FRAG sockstat{,6} RAW/UDP/TCP/FRAG inuse (IP), RAW6/UDP6/TCP6/FRAG6 inuse (IPv6)
//   INET             the sum of RAW, UDP and TCP
// The per-protocol counts from the dump itself (`tcp`, `udp`, ... and the TCP states)
// are kept beside them for the JSON record and the findings.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "sockets/analysis/kernel_limits.h"
#include "sockets/model.h"

namespace netlens::sockets {

struct ProtocolCount {
    size_t ipv4 = 0;
    size_t ipv6 = 0;
    size_t total() const { return ipv4 + ipv6; }
};

// The numbers of ss -s, from /proc/net/sockstat{,6} and /proc/net/snmp (see above).
struct SsTotals {
    int64_t sockets = 0;
    int64_t tcp_total = 0;
    int64_t tcp_estab = 0;
    int64_t tcp_closed = 0;
    int64_t tcp_orphaned = 0;
    int64_t tcp_timewait = 0;
    struct Pair {
        int64_t ipv4 = 0;
        int64_t ipv6 = 0;
        int64_t total() const { return ipv4 + ipv6; }
    };
    Pair raw, udp, tcp, inet, frag;
};

SsTotals ss_totals(const proc::Sockstat& sockstat, int64_t tcp_curr_estab);

struct Summary {
    ProtocolCount tcp;
    ProtocolCount udp;
    ProtocolCount raw;
    size_t unix_sockets = 0;
    std::array<size_t, 13> tcp_states{};  // indexed by TcpState
    int64_t orphaned = 0;                 // from sockstat
    int64_t sockets_used = 0;             // "sockets: used", every family
    KernelLimits limits;
    SsTotals totals;
};

Summary summarize(const std::vector<Socket>& sockets, KernelLimits limits, int64_t tcp_curr_estab);

}  // namespace netlens::sockets
