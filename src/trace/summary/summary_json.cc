#include "trace/summary/summary_json.h"

namespace netlens::trace {

namespace {

double micros(uint64_t nanoseconds) { return static_cast<double>(nanoseconds) / 1000.0; }

}  // namespace

Json summary_json(const CallSummary& summary, SummarySort sort) {
    Json syscalls = Json::array();
    for (const auto& totals : summary.syscalls(sort)) {
        syscalls.push_back({{"syscall", totals.name},
                            {"calls", totals.calls},
                            {"errors", totals.errors},
                            {"time_us", micros(totals.time_ns)}});
    }
    Json peers = Json::array();
    for (const auto& peer : summary.peers()) {
        peers.push_back({{"protocol", peer.protocol},
                         {"peer", peer.peer},
                         {"calls", peer.calls},
                         {"errors", peer.errors},
                         {"bytes_sent", peer.bytes_sent},
                         {"bytes_received", peer.bytes_received},
                         {"blocked_us", micros(peer.blocked_ns)}});
    }
    return {{"syscalls", std::move(syscalls)}, {"peers", std::move(peers)}};
}

}  // namespace netlens::trace
