#include "sockets/analysis/summary.h"

#include <sys/socket.h>

#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

Summary summarize(const std::vector<Socket>& sockets, KernelLimits limits) {
    Summary summary;
    for (const auto& socket : sockets) {
        if (is_unix(socket.protocol)) {
            ++summary.unix_sockets;
            continue;
        }
        ProtocolCount* count = socket.protocol == Protocol::tcp   ? &summary.tcp
                               : socket.protocol == Protocol::udp ? &summary.udp
                                                                  : &summary.raw;
        ++(socket.local.address.family == AF_INET6 ? count->ipv6 : count->ipv4);
        if (socket.protocol == Protocol::tcp) ++summary.tcp_states[static_cast<size_t>(socket.state)];
    }
    summary.orphaned = proc::sockstat_value(limits.sockstat, "TCP", "orphan");
    summary.sockets_used = proc::sockstat_value(limits.sockstat, "sockets", "used");
    summary.limits = std::move(limits);
    return summary;
}

}  // namespace netlens::sockets
