#include "sockets/analysis/state_advice.h"

#include <algorithm>
#include <map>

#include "core/finding_catalogue.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/analysis/port_exhaustion.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {

namespace {

constexpr const char* kDiag = "sock_diag";

// "nginx[412] x12, worker[413] x3" for the holders of the given sockets.
std::string holders(const std::vector<const Socket*>& sockets) {
    std::map<std::string, size_t> counts;
    for (const auto* socket : sockets) {
        for (const auto& process : socket->processes) {
            ++counts[process.command + "[" + std::to_string(process.pid) + "]"];
        }
    }
    std::string text;
    for (const auto& [name, count] : counts) text += (text.empty() ? "" : ", ") + name + " x" + std::to_string(count);
    return text.empty() ? "unknown (run with -p)" : text;
}

// The most frequent peers of the given sockets, "10.0.0.5:5432 x40, ...".
std::string top_peers(const std::vector<const Socket*>& sockets, size_t limit = 3) {
    std::map<std::string, size_t> counts;
    for (const auto* socket : sockets) ++counts[peer_text(*socket)];
    std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text;
    for (size_t i = 0; i < std::min(limit, sorted.size()); ++i) {
        text += (text.empty() ? "" : ", ") + sorted[i].first + " x" + std::to_string(sorted[i].second);
    }
    return text;
}

std::vector<const Socket*> in_state(const std::vector<Socket>& sockets, TcpState state) {
    std::vector<const Socket*> selected;
    for (const auto& socket : sockets) {
        if (socket.protocol == Protocol::tcp && socket.state == state) selected.push_back(&socket);
    }
    return selected;
}

void close_wait(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
                Diagnosis& diagnosis) {
    const auto waiting = in_state(sockets, TcpState::close_wait);
    if (waiting.size() < t.close_wait) return;
    diagnosis.add(make_finding("tcp.close_wait_pile", {
        .title = std::to_string(waiting.size()) + " sockets in CLOSE-WAIT: the peer closed, the application did not",
        .evidence = {{"close_wait", waiting.size(), kDiag},
                     {"holders", holders(waiting), "/proc/PID/fd"},
                     {"peers", top_peers(waiting), kDiag}},
        .netns = netns,
    }));
}

void syn_sent(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
              Diagnosis& diagnosis) {
    std::map<std::string, std::vector<const Socket*>> by_peer;
    for (const auto* socket : in_state(sockets, TcpState::syn_sent)) by_peer[peer_text(*socket)].push_back(socket);
    for (const auto& [peer, group] : by_peer) {
        if (group.size() < t.syn_sent_per_peer) continue;
        diagnosis.add(make_finding("tcp.syn_sent_pile", {
            .title = std::to_string(group.size()) + " connections to " + peer + " stuck in SYN-SENT",
            .evidence = {{"syn_sent", group.size(), kDiag},
                         {"peer", peer, kDiag},
                         {"holders", holders(group), "/proc/PID/fd"}},
            .fill = {{"peer_address", address_text(group.front()->peer)}},
            .netns = netns,
        }));
    }
}

void syn_recv(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
              Diagnosis& diagnosis) {
    std::map<uint16_t, std::vector<const Socket*>> by_port;
    for (const auto* socket : in_state(sockets, TcpState::syn_recv)) by_port[socket->local.port].push_back(socket);
    for (const auto& [port, group] : by_port) {
        if (group.size() < t.syn_recv_per_listener) continue;
        diagnosis.add(make_finding("tcp.syn_recv_pile", {
            .title = std::to_string(group.size()) + " half-open connections (SYN-RECV) on port " + std::to_string(port),
            .evidence = {{"syn_recv", group.size(), kDiag},
                         {"local_port", port, kDiag},
                         {"peers", top_peers(group), kDiag}},
            .netns = netns,
        }));
    }
}

void closing_piles(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
                   Diagnosis& diagnosis) {
    struct Pile {
        TcpState state;
        size_t threshold;
        FindingId id;
    };
    const Pile piles[] = {
        {TcpState::fin_wait2, t.fin_wait2, "tcp.fin_wait2_pile"},
        {TcpState::last_ack, t.last_ack, "tcp.last_ack_pile"},
    };
    for (const auto& pile : piles) {
        const auto group = in_state(sockets, pile.state);
        if (group.size() < pile.threshold) continue;
        diagnosis.add(make_finding(pile.id, {
            .title = std::to_string(group.size()) + " sockets in " + std::string(state_display_name(pile.state)),
            .evidence = {{"count", group.size(), kDiag}, {"peers", top_peers(group), kDiag}},
            .netns = netns,
        }));
    }
}

void accept_queues(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
                   Diagnosis& diagnosis) {
    for (const auto* listener : in_state(sockets, TcpState::listen)) {
        // On a listener Recv-Q is the accept queue now and Send-Q its backlog limit.
        if (listener->send_q == 0) continue;
        const double fill = static_cast<double>(listener->recv_q) / listener->send_q;
        if (fill < t.accept_queue_warning) continue;
        const bool full = listener->recv_q >= listener->send_q;
        diagnosis.add(make_finding("tcp.listen_queue_full", {
            .title = "listener " + local_text(*listener, nullptr) + " accept queue " +
                     (full ? "is full" : "is nearly full") + " (" + std::to_string(listener->recv_q) + "/" +
                     std::to_string(listener->send_q) + ")",
            .evidence = {{"recv_q", listener->recv_q, kDiag},
                         {"backlog", listener->send_q, kDiag},
                         {"holders", holders({listener}), "/proc/PID/fd"}},
            .escalated = full,
            .netns = netns,
        }));
    }
}

void orphans(const KernelLimits& limits, const AdviceThresholds& t, const std::string& netns, Diagnosis& diagnosis) {
    const int64_t orphan_count = proc::sockstat_value(limits.sockstat, "TCP", "orphan");
    if (!limits.max_orphans || *limits.max_orphans <= 0) return;
    const double fill = static_cast<double>(orphan_count) / static_cast<double>(*limits.max_orphans);
    if (fill < t.orphans_warning) return;
    diagnosis.add(make_finding("tcp.orphans_near_limit", {
        .title = std::to_string(orphan_count) + " orphaned TCP sockets, limit " + std::to_string(*limits.max_orphans),
        .evidence = {{"orphan", orphan_count, "/proc/net/sockstat"},
                     {"tcp_max_orphans", *limits.max_orphans, "/proc/sys/net/ipv4/tcp_max_orphans"}},
        .escalated = fill >= t.orphans_critical,
        .netns = netns,
    }));
}

}  // namespace

void advise_on_states(const std::vector<Socket>& sockets, const KernelLimits& limits,
                      const AdviceThresholds& thresholds, const std::string& netns, Diagnosis& diagnosis) {
    close_wait(sockets, thresholds, netns, diagnosis);
    syn_sent(sockets, thresholds, netns, diagnosis);
    syn_recv(sockets, thresholds, netns, diagnosis);
    closing_piles(sockets, thresholds, netns, diagnosis);
    accept_queues(sockets, thresholds, netns, diagnosis);
    orphans(limits, thresholds, netns, diagnosis);
    advise_on_ports(sockets, limits, thresholds.ports_warning, thresholds.ports_critical, netns, diagnosis);
}

}  // namespace netlens::sockets
