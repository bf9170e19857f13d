#include "trace/summary/summary_text.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "core/text_table.h"

namespace netlens::trace {

namespace {

std::string seconds(uint64_t nanoseconds) {
    return fmt::format("{:.6f}", static_cast<double>(nanoseconds) / 1e9);
}

// One row in strace's widths; errors are left blank when there are none.
std::string row(double percent, uint64_t time_ns, uint64_t calls, uint64_t errors, const std::string& name) {
    const uint64_t usecs_per_call = calls == 0 ? 0 : time_ns / calls / 1000;
    const std::string error_cell = errors == 0 ? "" : std::to_string(errors);
    return fmt::format("{:6.2f} {:>11} {:11} {:9} {:>9} {}\n", percent, seconds(time_ns), usecs_per_call, calls,
                       error_cell, name);
}

}  // namespace

std::string syscall_summary_text(const CallSummary& summary, SummarySort sort) {
    const auto rows = summary.syscalls(sort);
    uint64_t total_ns = 0, total_calls = 0, total_errors = 0;
    size_t name_width = 15;  // strace's rule is one dash past the longest name, 16 at least
    for (const auto& totals : rows) {
        total_ns += totals.time_ns;
        total_calls += totals.calls;
        total_errors += totals.errors;
        name_width = std::max(name_width, totals.name.size());
    }
    const std::string rule = fmt::format("{:-<6} {:-<11} {:-<11} {:-<9} {:-<9} {:-<{}}\n", "", "", "", "", "", "",
                                         name_width + 1);
    std::string out = fmt::format("{:>6} {:>11} {:>11} {:>9} {:>9} {}\n", "% time", "seconds", "usecs/call", "calls",
                                  "errors", "syscall");
    out += rule;
    for (const auto& totals : rows) {
        const double percent = total_ns == 0 ? 0.0 : 100.0 * static_cast<double>(totals.time_ns) / total_ns;
        out += row(percent, totals.time_ns, totals.calls, totals.errors, totals.name);
    }
    out += rule;
    out += row(100.0, total_ns, total_calls, total_errors, "total");
    return out;
}

std::string peer_summary_text(const CallSummary& summary) {
    const auto rows = summary.peers();
    if (rows.empty()) return "";
    TextTable table({{"protocol"},
                     {"peer"},
                     {"calls", Align::right},
                     {"errors", Align::right},
                     {"bytes_sent", Align::right},
                     {"bytes_received", Align::right},
                     {"blocked_s", Align::right}});
    for (const auto& peer : rows) {
        table.add_row({peer.protocol, peer.peer, std::to_string(peer.calls), std::to_string(peer.errors),
                       std::to_string(peer.bytes_sent), std::to_string(peer.bytes_received), seconds(peer.blocked_ns)});
    }
    std::ostringstream out;
    table.print(out);
    return out.str();
}

}  // namespace netlens::trace
