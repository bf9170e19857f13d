// What `ss -s` shows, computed from the sockets themselves (every state, every
// protocol) with the kernel's own counters from /proc/net/sockstat beside them.
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

struct Summary {
    ProtocolCount tcp;
    ProtocolCount udp;
    ProtocolCount raw;
    size_t unix_sockets = 0;
    std::array<size_t, 13> tcp_states{};  // indexed by TcpState
    int64_t orphaned = 0;                 // from sockstat
    int64_t sockets_used = 0;             // "sockets: used", every family
    KernelLimits limits;
};

Summary summarize(const std::vector<Socket>& sockets, KernelLimits limits);

}  // namespace netlens::sockets
