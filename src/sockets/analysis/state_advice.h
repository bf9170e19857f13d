// Findings from the shape of a namespace's socket table, the way an experienced
// engineer reads `ss -tan` output: piles of sockets in one state mean something
// specific (CLOSE-WAIT: the application never closes; SYN-SENT to one place: a
// firewall or a dead peer; ...), listeners whose accept queue is full, orphans near
// their limit, and ephemeral ports running out toward one destination.
#pragma once

#include <vector>

#include "core/finding.h"
#include "sockets/analysis/kernel_limits.h"
#include "sockets/model.h"

namespace netlens::sockets {

// Thresholds, in one place; the finding catalogue's texts name the defaults (a unit test
// keeps the two in step).
struct AdviceThresholds {
    size_t close_wait = 10;          // per process (or in total when owners are unknown)
    size_t syn_sent_per_peer = 5;    // per destination address:port
    size_t syn_recv_per_listener = 32;
    size_t fin_wait2 = 100;
    size_t last_ack = 100;
    double accept_queue_warning = 0.8;  // Recv-Q / backlog on a listener
    double orphans_warning = 0.5;       // orphans / tcp_max_orphans
    double orphans_critical = 0.9;
    double ports_warning = 0.7;         // sockets / usable ephemeral ports, per (src, dst, dport)
    double ports_critical = 0.9;
};

// `sockets` are the TCP sockets of one namespace in every state (processes filled in
// where known); `netns` labels the findings.
void advise_on_states(const std::vector<Socket>& sockets, const KernelLimits& limits,
                      const AdviceThresholds& thresholds, const std::string& netns, Diagnosis& diagnosis);

}  // namespace netlens::sockets
