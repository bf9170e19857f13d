// The kernel settings and counts that decide when a pile of sockets becomes a
// problem: the ephemeral port range and its reserved ports, tcp_tw_reuse, the orphan
// limit, somaxconn, and /proc/net/sockstat. Read through one namespace's source.
#pragma once

#include <cstdint>
#include <optional>

#include "core/finding.h"
#include "proc/sockstat.h"
#include "proc/sysctl.h"
#include "source/source.h"

namespace netlens::sockets {

struct KernelLimits {
    std::optional<proc::PortRange> port_range;
    uint32_t reserved_in_range = 0;
    std::optional<int64_t> tw_reuse;      // 0 off, 1 on, 2 loopback only
    std::optional<int64_t> max_orphans;
    std::optional<int64_t> somaxconn;
    proc::Sockstat sockstat;              // IPv4 and IPv6 files merged ("TCP6", ...)
};

// Unreadable values stay absent and are named in `diagnosis` as skipped.
KernelLimits read_kernel_limits(source::Source& source, Diagnosis& diagnosis);

}  // namespace netlens::sockets
