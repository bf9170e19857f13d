// Ephemeral port exhaustion. connect() needs a local port that is unique for its
// (source address, destination address, destination port); every socket toward that
// destination holding a port from ip_local_port_range (ESTAB, TIME-WAIT, SYN-SENT, ...)
// uses one up. When they approach the range's size minus the reserved ports, new
// connections fail with EADDRNOTAVAIL or stall while the kernel searches.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "sockets/analysis/kernel_limits.h"
#include "sockets/model.h"

namespace netlens::sockets {

struct PortUse {
    std::string source;       // local address
    std::string destination;  // peer address
    uint16_t destination_port = 0;
    size_t sockets = 0;       // holding an ephemeral port toward it
    size_t time_wait = 0;     // of which in TIME-WAIT
};

// Per destination, busiest first; only sockets whose local port lies in the range.
std::vector<PortUse> ephemeral_port_use(const std::vector<Socket>& sockets, const proc::PortRange& range);

// Findings: tcp.local_port_exhaustion (warning at `warning`, critical at `critical`
// of the usable ports) and tcp.port_range_parity.
void advise_on_ports(const std::vector<Socket>& sockets, const KernelLimits& limits, double warning,
                     double critical, const std::string& netns, Diagnosis& diagnosis);

}  // namespace netlens::sockets
