#include "trace/summary/call_summary.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace netlens::trace {

namespace {

// Calls whose return value counts bytes that left or reached the process.
constexpr std::array<std::string_view, 6> kSending = {"write", "writev", "send", "sendto", "sendmsg", "sendfile"};
constexpr std::array<std::string_view, 6> kReceiving = {"read", "readv", "recv", "recvfrom", "recvmsg", "splice"};

bool one_of(const std::string& name, const auto& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void CallSummary::add(const CallRecord& record) { add(record, {}); }

void CallSummary::add(const CallRecord& record, const std::string& named_peer) {
    if (!record.exit) return;
    const SyscallExit& exit = *record.exit;
    const uint64_t entered = record.entry.monotonic_entered_ns;
    const uint64_t elapsed = exit.monotonic_exited_ns > entered ? exit.monotonic_exited_ns - entered : 0;

    SyscallTotals& totals = syscalls_[record.name];
    totals.number = record.entry.number;
    totals.name = record.name;
    ++totals.calls;
    if (exit.failed) ++totals.errors;
    totals.time_ns += elapsed;

    if (!record.socket) return;
    const std::string& far_end = record.socket->peer.empty() ? named_peer : record.socket->peer;
    if (far_end.empty()) return;
    PeerTotals& peer = peers_[{record.socket->protocol, far_end}];
    peer.protocol = record.socket->protocol;
    peer.peer = far_end;
    ++peer.calls;
    peer.blocked_ns += elapsed;
    if (exit.failed) {
        ++peer.errors;
    } else if (exit.value > 0 && one_of(record.name, kSending)) {
        peer.bytes_sent += static_cast<uint64_t>(exit.value);
    } else if (exit.value > 0 && one_of(record.name, kReceiving)) {
        peer.bytes_received += static_cast<uint64_t>(exit.value);
    }
}

std::vector<SyscallTotals> CallSummary::syscalls(SummarySort sort) const {
    std::vector<SyscallTotals> rows;
    rows.reserve(syscalls_.size());
    for (const auto& [name, totals] : syscalls_) rows.push_back(totals);
    auto key = [sort](const SyscallTotals& totals) -> uint64_t {
        switch (sort) {
            case SummarySort::time: return totals.time_ns;
            case SummarySort::calls: return totals.calls;
            case SummarySort::errors: return totals.errors;
            default: return 0;
        }
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const SyscallTotals& a, const SyscallTotals& b) {
        if (sort == SummarySort::name && a.name != b.name) return a.name < b.name;
        if (key(a) != key(b)) return key(a) > key(b);
        return a.number < b.number;
    });
    return rows;
}

std::vector<PeerTotals> CallSummary::peers() const {
    std::vector<PeerTotals> rows;
    rows.reserve(peers_.size());
    for (const auto& [key, totals] : peers_) rows.push_back(totals);
    std::stable_sort(rows.begin(), rows.end(), [](const PeerTotals& a, const PeerTotals& b) {
        return a.blocked_ns > b.blocked_ns;
    });
    return rows;
}

}  // namespace netlens::trace
