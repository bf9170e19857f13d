#include "sockets/state_advice.h"

#include <algorithm>
#include <map>

#include "sockets/endpoint_text.h"
#include "sockets/port_exhaustion.h"
#include "sockets/states.h"

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
    diagnosis.add({
        .id = "tcp.close_wait_pile",
        .layer = Layer::l4,
        .severity = Severity::warning,
        .title = std::to_string(waiting.size()) + " sockets in CLOSE-WAIT: the peer closed, the application did not",
        .evidence = {{"close_wait", std::to_string(waiting.size()), kDiag},
                     {"holders", holders(waiting), "/proc/PID/fd"},
                     {"peers", top_peers(waiting), kDiag}},
        .advice = "CLOSE-WAIT never times out: the owning process must call close(). This is an application bug "
                  "(a leaked connection, a pool that ignores EOF); restarting only hides it.",
        .next_command = "netlens sockets -tnp state close-wait",
        .netns = netns,
    });
}

void syn_sent(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
              Diagnosis& diagnosis) {
    std::map<std::string, std::vector<const Socket*>> by_peer;
    for (const auto* socket : in_state(sockets, TcpState::syn_sent)) by_peer[peer_text(*socket)].push_back(socket);
    for (const auto& [peer, group] : by_peer) {
        if (group.size() < t.syn_sent_per_peer) continue;
        diagnosis.add({
            .id = "tcp.syn_sent_pile",
            .layer = Layer::l4,
            .severity = Severity::warning,
            .title = std::to_string(group.size()) + " connections to " + peer + " stuck in SYN-SENT",
            .evidence = {{"syn_sent", std::to_string(group.size()), kDiag},
                         {"peer", peer, kDiag},
                         {"holders", holders(group), "/proc/PID/fd"}},
            .advice = "No SYN-ACK comes back: a firewall drops the SYNs, the peer is down, or the route to it "
                      "is broken. Connections will time out after the SYN retries (about 2 minutes by default).",
            .next_command = "netlens route get " + address_text(group.front()->peer),
            .netns = netns,
        });
    }
}

void syn_recv(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
              Diagnosis& diagnosis) {
    std::map<uint16_t, std::vector<const Socket*>> by_port;
    for (const auto* socket : in_state(sockets, TcpState::syn_recv)) by_port[socket->local.port].push_back(socket);
    for (const auto& [port, group] : by_port) {
        if (group.size() < t.syn_recv_per_listener) continue;
        diagnosis.add({
            .id = "tcp.syn_recv_pile",
            .layer = Layer::l4,
            .severity = Severity::warning,
            .title = std::to_string(group.size()) + " half-open connections (SYN-RECV) on port " + std::to_string(port),
            .evidence = {{"syn_recv", std::to_string(group.size()), kDiag},
                         {"local_port", std::to_string(port), kDiag},
                         {"peers", top_peers(group), kDiag}},
            .advice = "Clients send SYNs but their final ACK does not arrive: a SYN flood, or return traffic "
                      "lost on the way back (asymmetric routing, a firewall dropping ACKs).",
            .next_command = "nstat -az TcpExtListenDrops TcpExtSyncookiesSent TcpExtTCPReqQFullDrop",
            .netns = netns,
        });
    }
}

void closing_piles(const std::vector<Socket>& sockets, const AdviceThresholds& t, const std::string& netns,
                   Diagnosis& diagnosis) {
    struct Pile {
        TcpState state;
        size_t threshold;
        const char* id;
        const char* advice;
    };
    const Pile piles[] = {
        {TcpState::fin_wait2, t.fin_wait2, "tcp.fin_wait2_pile",
         "We closed and the peer acknowledged, but the peer never closes its side. Orphaned FIN-WAIT-2 sockets "
         "go away after tcp_fin_timeout; ones still owned by a process wait for the peer."},
        {TcpState::last_ack, t.last_ack, "tcp.last_ack_pile",
         "We answered the peer's FIN with ours and wait for its ACK: the peer vanished or the path drops "
         "packets toward it."},
    };
    for (const auto& pile : piles) {
        const auto group = in_state(sockets, pile.state);
        if (group.size() < pile.threshold) continue;
        const std::string name(state_display_name(pile.state));
        diagnosis.add({
            .id = pile.id,
            .layer = Layer::l4,
            .severity = Severity::warning,
            .title = std::to_string(group.size()) + " sockets in " + name,
            .evidence = {{"count", std::to_string(group.size()), kDiag}, {"peers", top_peers(group), kDiag}},
            .advice = pile.advice,
            .next_command = "netlens sockets -tn state " + std::string(name == "FIN-WAIT-2" ? "fin-wait-2" : "last-ack"),
            .netns = netns,
        });
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
        diagnosis.add({
            .id = "tcp.listen_queue_full",
            .layer = Layer::l4,
            .severity = full ? Severity::critical : Severity::warning,
            .title = "listener " + local_text(*listener, nullptr) + " accept queue " +
                     (full ? "is full" : "is nearly full") + " (" + std::to_string(listener->recv_q) + "/" +
                     std::to_string(listener->send_q) + ")",
            .evidence = {{"recv_q", std::to_string(listener->recv_q), kDiag},
                         {"backlog", std::to_string(listener->send_q), kDiag},
                         {"holders", holders({listener}), "/proc/PID/fd"}},
            .advice = "The application does not accept() fast enough; further SYNs are dropped and clients "
                      "see connect timeouts. Make the accept loop faster, or raise the listen() backlog "
                      "(capped by net.core.somaxconn).",
            .next_command = "nstat -az TcpExtListenOverflows TcpExtListenDrops",
            .netns = netns,
        });
    }
}

void orphans(const KernelLimits& limits, const AdviceThresholds& t, const std::string& netns, Diagnosis& diagnosis) {
    const int64_t orphan_count = proc::sockstat_value(limits.sockstat, "TCP", "orphan");
    if (!limits.max_orphans || *limits.max_orphans <= 0) return;
    const double fill = static_cast<double>(orphan_count) / static_cast<double>(*limits.max_orphans);
    if (fill < t.orphans_warning) return;
    diagnosis.add({
        .id = "tcp.orphans_near_limit",
        .layer = Layer::l4,
        .severity = fill >= 0.9 ? Severity::critical : Severity::warning,
        .title = std::to_string(orphan_count) + " orphaned TCP sockets, limit " + std::to_string(*limits.max_orphans),
        .evidence = {{"orphan", std::to_string(orphan_count), "/proc/net/sockstat"},
                     {"tcp_max_orphans", std::to_string(*limits.max_orphans), "/proc/sys/net/ipv4/tcp_max_orphans"}},
        .advice = "Past the limit the kernel resets orphaned connections at once (\"too many orphaned sockets\" "
                  "in the kernel log). Orphans are closed sockets still sending data or waiting for FINs.",
        .next_command = "netlens sockets -s",
        .netns = netns,
    });
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
