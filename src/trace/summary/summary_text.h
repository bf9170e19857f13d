// The -c tables as text: strace's per-syscall table, column for column, and the table
// by peer that strace lacks.
#pragma once

#include <string>

#include "trace/summary/call_summary.h"

namespace netlens::trace {

// "% time     seconds  usecs/call     calls    errors syscall", a dashed rule, one row
// per syscall, another rule and the total row; each line ends with a newline.
std::string syscall_summary_text(const CallSummary& summary, SummarySort sort = SummarySort::time);

// "protocol  peer  calls  errors  bytes_sent  bytes_received  blocked_s"; empty when no
// call was made on a connected socket.
std::string peer_summary_text(const CallSummary& summary);

}  // namespace netlens::trace
