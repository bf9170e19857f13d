#include "sockets/analysis/port_exhaustion.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/finding_catalogue.h"
#include "sockets/present/endpoint_text.h"

namespace netlens::sockets {

namespace {

constexpr const char* kRangeSource = "/proc/sys/net/ipv4/ip_local_port_range";

bool holds_port(TcpState state) { return state != TcpState::listen && state != TcpState::close; }

void parity(const proc::PortRange& range, const std::string& netns, Diagnosis& diagnosis) {
    if ((range.low & 1) != (range.high & 1)) return;
    const std::string text = std::to_string(range.low) + " " + std::to_string(range.high);
    diagnosis.add(make_finding("tcp.port_range_parity", {
        .title = "ip_local_port_range " + text + " starts and ends on the same parity",
        .evidence = {{"ip_local_port_range", text, kRangeSource}},
        .fill = {{"even_low", std::to_string(range.low & ~1U)}, {"odd_high", std::to_string(range.high | 1U)}},
        .netns = netns,
    }));
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
        FindingFacts facts{
            .title = std::to_string(percent) + "% of ephemeral ports in use toward " + destination,
            .evidence = {{"sockets", use.sockets, "sock_diag"},
                         {"time_wait", use.time_wait, "sock_diag"},
                         {"source", use.source, "sock_diag"},
                         {"usable_ports", usable, kRangeSource},
                         {"ip_local_port_range", std::to_string(range.low) + " " + std::to_string(range.high), kRangeSource},
                         {"reserved_in_range", limits.reserved_in_range, "/proc/sys/net/ipv4/ip_local_reserved_ports"}},
            .escalated = fill >= critical,
            .special = use.time_wait * 2 >= use.sockets,  // mostly TIME-WAIT
            .fill = {{"destination", use.destination}},
            .netns = netns,
        };
        // 0 off, 1 on, 2 loopback only; left out when the sysctl could not be read (it is
        // then listed as skipped).
        if (limits.tw_reuse) facts.evidence.push_back({"tcp_tw_reuse", *limits.tw_reuse, "/proc/sys/net/ipv4/tcp_tw_reuse"});
        diagnosis.add(make_finding("tcp.local_port_exhaustion", std::move(facts)));
    }
}

}  // namespace netlens::sockets
