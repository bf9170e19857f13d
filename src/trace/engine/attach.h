// Attaching to running processes (-p): every thread of each, seized without stopping it
// and then interrupted, so each reports a PTRACE_EVENT_STOP and is resumed from there
// with PTRACE_SYSCALL. No PTRACE_O_EXITKILL and no seccomp: the processes must outlive
// the tracer unharmed.
#pragma once

#include <optional>

#include "core/error.h"
#include "trace/engine/task_table.h"

namespace netlens::trace {

// Seizes the threads of `pid` into `tasks`, listing /proc/PID/task again until a listing
// shows no thread not yet seized (threads may be created while we attach). Threads that
// exit meanwhile are skipped. An error when the process cannot be traced at all.
std::optional<Error> seize_process(int pid, unsigned long ptrace_options, TaskTable& tasks);

}  // namespace netlens::trace
