// -c: totals accumulated from the stream of finished calls, per system call (strace's
// table) and per socket peer (calls, errors, bytes each way, time spent inside calls).
// Only the numbers live here; summary_text and summary_json print them.
//
// Time is wall-clock time from entry to exit (what strace -c -w counts); strace -c
// without -w counts system CPU time instead, which ptrace cannot see per call without
// a getrusage per stop.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

struct SyscallTotals {
    long number = 0;
    std::string name;
    uint64_t calls = 0;
    uint64_t errors = 0;
    uint64_t time_ns = 0;
};

struct PeerTotals {
    std::string protocol;  // "TCP"
    std::string peer;      // "127.0.0.1:8080"
    uint64_t calls = 0;
    uint64_t errors = 0;
    uint64_t bytes_sent = 0;
    uint64_t bytes_received = 0;
    uint64_t blocked_ns = 0;  // time inside calls on sockets with this peer
};

// strace's -S keys.
enum class SummarySort { time, calls, errors, name, nothing };

class CallSummary {
public:
    // Calls that never returned (exit_group, a call cut short by detach) are not counted,
    // as in strace.
    void add(const CallRecord& record);
    // The same, counting the call for `peer` when its socket has none of its own (an
    // unconnected UDP socket's sendto/recvfrom name their peer in their arguments).
    void add(const CallRecord& record, const std::string& peer);

    // Ordered by `sort` (descending for numbers, ascending for names), ties by syscall
    // number; `nothing` keeps syscall number order.
    std::vector<SyscallTotals> syscalls(SummarySort sort = SummarySort::time) const;
    // Ordered by time blocked, most first, then by peer text.
    std::vector<PeerTotals> peers() const;

private:
    std::map<std::string, SyscallTotals> syscalls_;  // by name: one number can carry two names
    std::map<std::pair<std::string, std::string>, PeerTotals> peers_;  // by (protocol, peer)
};

}  // namespace netlens::trace
