#include "sockets/analysis/summary.h"

#include <sys/socket.h>

#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

SsTotals ss_totals(const proc::Sockstat& sockstat, int64_t tcp_curr_estab) {
    auto value = [&](std::string_view protocol, std::string_view field) {
        return proc::sockstat_value(sockstat, protocol, field);
    };
    SsTotals t;
    t.sockets = value("sockets", "used");
    const int64_t tcp_allocated = value("TCP", "alloc");
    t.tcp_timewait = value("TCP", "tw");
    t.tcp_orphaned = value("TCP", "orphan");
    t.tcp_total = tcp_allocated + t.tcp_timewait;
    t.tcp_estab = tcp_curr_estab;
    t.raw = {value("RAW", "inuse"), value("RAW6", "inuse")};
    t.udp = {value("UDP", "inuse"), value("UDP6", "inuse")};
    t.tcp = {value("TCP", "inuse"), value("TCP6", "inuse")};
    t.frag = {value("FRAG", "inuse"), value("FRAG6", "inuse")};
    t.inet = {t.raw.ipv4 + t.udp.ipv4 + t.tcp.ipv4, t.raw.ipv6 + t.udp.ipv6 + t.tcp.ipv6};
    // Allocated TCP sockets that are in no hash table: closed ones.
    t.tcp_closed = tcp_allocated - (t.tcp.ipv4 + t.tcp.ipv6 - t.tcp_timewait);
    return t;
}

Summary summarize(const std::vector<Socket>& sockets, KernelLimits limits, int64_t tcp_curr_estab) {
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
    summary.totals = ss_totals(limits.sockstat, tcp_curr_estab);
    summary.limits = std::move(limits);
    return summary;
}

}  // namespace netlens::sockets
