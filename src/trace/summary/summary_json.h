// The -c tables as JSON: {"syscalls":[{"syscall":..,"calls":..,"errors":..,"time_us":..}],
// "peers":[{"protocol":..,"peer":..,"calls":..,"errors":..,"bytes_sent":..,
// "bytes_received":..,"blocked_us":..}]}.
#pragma once

#include "core/json.h"
#include "trace/summary/call_summary.h"

namespace netlens::trace {

Json summary_json(const CallSummary& summary, SummarySort sort = SummarySort::time);

}  // namespace netlens::trace
