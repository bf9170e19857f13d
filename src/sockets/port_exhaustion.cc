#include "sockets/port_exhaustion.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "sockets/endpoint_text.h"

namespace netlens::sockets {

namespace {

constexpr const char* kRangeSource = "/proc/sys/net/ipv4/ip_local_port_range";

bool holds_port(TcpState state) { return state != TcpState::listen && state != TcpState::close; }

std::string tw_reuse_text(const std::optional<int64_t>& value) {
    if (!value) return "unknown";
    switch (*value) {
        case 0: return "0 (off)";
        case 1: return "1 (on)";
        case 2: return "2 (loopback only)";
        default: return std::to_string(*value);
    }
}

void parity(const proc::PortRange& range, const std::string& netns, Diagnosis& diagnosis) {
    if ((range.low & 1) != (range.high & 1)) return;
    const std::string text = std::to_string(range.low) + " " + std::to_string(range.high);
    diagnosis.add({
        .id = "tcp.port_range_parity",
        .layer = Layer::l4,
        .severity = Severity::info,
        .title = "ip_local_port_range " + text + " starts and ends on the same parity",
        .evidence = {{"ip_local_port_range", text, kRangeSource}},
        .advice = "The kernel hands connect() the ports of one parity and bind() the other; with both ends of "
                  "the same parity the split is uneven (the kernel logs \"prefer different parity for "
                  "start/end values\"). Use an even start and an odd end.",
        .next_command = "sysctl -w net.ipv4.ip_local_port_range=\"" + std::to_string(range.low & ~1U) + " " +
                        std::to_string(range.high | 1U) + "\"",
        .netns = netns,
    });
}

}  // namespace

std::vector<PortUse> ephemeral_port_use(const std::vector<Socket>& sockets, const proc::PortRange& range) {
    std::map<std::tuple<std::string, std::string, uint16_t>, PortUse> by_destination;
    for (const auto& socket : sockets) {
        if (socket.protocol != Protocol::tcp || !holds_port(socket.state)) continue;
        if (socket.local.port < range.low || socket.local.port > range.high) continue;
        const std::string source = address_text(socket.local);
        const std::string destination = address_text(socket.peer);
        auto& use = by_destination[{source, destination, socket.peer.port}];
        use.source = source;
        use.destination = destination;
        use.destination_port = socket.peer.port;
        ++use.sockets;
        if (socket.state == TcpState::time_wait) ++use.time_wait;
    }
    std::vector<PortUse> uses;
    for (auto& [key, use] : by_destination) uses.push_back(std::move(use));
    std::sort(uses.begin(), uses.end(), [](const PortUse& a, const PortUse& b) { return a.sockets > b.sockets; });
    return uses;
}

void advise_on_ports(const std::vector<Socket>& sockets, const KernelLimits& limits, double warning,
                     double critical, const std::string& netns, Diagnosis& diagnosis) {
    if (!limits.port_range) return;
    const proc::PortRange& range = *limits.port_range;
    parity(range, netns, diagnosis);
    const uint32_t usable = range.size() > limits.reserved_in_range ? range.size() - limits.reserved_in_range : 0;
    if (usable == 0) return;
    for (const auto& use : ephemeral_port_use(sockets, range)) {
        const double fill = static_cast<double>(use.sockets) / usable;
        if (fill < warning) break;  // sorted busiest first
        const int percent = static_cast<int>(fill * 100);
        const std::string destination = use.destination + ":" + std::to_string(use.destination_port);
        const bool tw_heavy = use.time_wait * 2 >= use.sockets;
        std::string advice = "New connections from " + use.source + " to " + destination +
                             " will fail with EADDRNOTAVAIL or stall in connect(). ";
        advice += tw_heavy ? "Most are TIME-WAIT: reuse connections (keep-alive, a pool) instead of opening one per "
                             "request, or enable net.ipv4.tcp_tw_reuse=1 for outgoing connections."
                           : "Widen ip_local_port_range, spread over more source addresses, or pool connections.";
        diagnosis.add({
            .id = "tcp.local_port_exhaustion",
            .layer = Layer::l4,
            .severity = fill >= critical ? Severity::critical : Severity::warning,
            .title = std::to_string(percent) + "% of ephemeral ports in use toward " + destination,
            .evidence = {{"sockets", std::to_string(use.sockets), "sock_diag"},
                         {"time_wait", std::to_string(use.time_wait), "sock_diag"},
                         {"source", use.source, "sock_diag"},
                         {"usable_ports", std::to_string(usable), kRangeSource},
                         {"ip_local_port_range", std::to_string(range.low) + " " + std::to_string(range.high), kRangeSource},
                         {"reserved_in_range", std::to_string(limits.reserved_in_range),
                          "/proc/sys/net/ipv4/ip_local_reserved_ports"},
                         {"tcp_tw_reuse", tw_reuse_text(limits.tw_reuse), "/proc/sys/net/ipv4/tcp_tw_reuse"}},
            .advice = advice,
            .next_command = "netlens sockets -tn --top peers 'dst " + use.destination + "'",
            .netns = netns,
        });
    }
}

}  // namespace netlens::sockets
