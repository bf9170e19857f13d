// strace's text lines from the trace model: one per finished call, or strace's
// "<unfinished ...>" / "<... NAME resumed>" pair when calls of several threads
// interleave and merging is off, plus the signal and exit lines. Lines come without the
// trailing newline. Column rules (the pid prefix, " = " at column 40, timestamp
// formats) are strace 6.1's, checked against its output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "trace/trace_model.h"

namespace netlens::trace {

enum class TimestampStyle {
    none,
    seconds,       // -t:   "12:34:56 " (local time)
    microseconds,  // -tt:  "12:34:56.123456 "
    epoch,         // -ttt: "1701612345.123456 "
};

enum class PidPrefix {
    bracketed,  // "[pid  1234] " while several threads/processes are traced (output to a terminal or pipe)
    column,     // "1234  " before every line (-o FILE with -f)
    none,       // -ff: one file per process
};

struct TextOptions {
    TimestampStyle timestamps = TimestampStyle::none;
    bool relative = false;   // -r: "     0.000123 " since the previous line
    bool durations = false;  // -T: " <0.000031>" after the result
    PidPrefix pid_prefix = PidPrefix::bracketed;
};

// Keeps the previous line's time for -r; otherwise each line depends only on its input.
class CallTextPrinter {
public:
    explicit CallTextPrinter(TextOptions options) : options_(options) {}

    // `several`: more than one thread or process is being traced right now (strace
    // prefixes lines with the thread id only then).
    std::string call(const CallRecord& record, bool several);
    // The first `entry_args` arguments were decoded at the entry stop; the rest are shown
    // on the resumed line.
    std::string unfinished(const CallRecord& record, size_t entry_args, bool several);
    std::string resumed(const CallRecord& record, size_t entry_args, bool several);
    // A call its task never returned from (killed, or another thread's exit_group):
    // strace ends it with ") = ?", after " <unfinished ...>" when arguments were left
    // for the exit; `announced`: its "<unfinished ...>" line is already out.
    std::string unreturned(const CallRecord& record, size_t entry_args, bool announced, bool several);
    std::string signal(const SignalDelivery& delivery, bool several);
    std::string exit(const TraceeExit& exit, bool several);

private:
    std::string leader(int tid, WallMicros at_us, uint64_t monotonic_ns, bool several);
    void append_result(std::string& line, const CallRecord& record) const;

    TextOptions options_;
    std::optional<uint64_t> previous_ns_;  // -r
};

}  // namespace netlens::trace
