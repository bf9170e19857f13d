// A delivered signal as strace shows it: "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED,
// si_pid=434, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---". The fields follow the
// signal's origin (si_code): a sender's pid and uid, a child's status, a fault address.
#pragma once

#include <signal.h>

#include <string>

#include "trace/trace_model.h"

namespace netlens::trace {

// "SIGCHLD", "SIGRTMIN", "SIGRT_3"; a number the C library cannot name as "SIG" + number.
std::string signal_name(int signal);

Value siginfo_value(const siginfo_t& info);

// The delivery as the printers take it, stamped with the current time.
SignalDelivery signal_delivery(int pid, int tid, const siginfo_t& info);
// A group-stop by `signal` (strace: "--- stopped by SIGSTOP ---"), stamped likewise.
SignalDelivery group_stop(int pid, int tid, int signal);

}  // namespace netlens::trace
