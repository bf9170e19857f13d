// run_engine: prepares the filter, launches or attaches, then waits for stops and hands
// each to the StopHandler until every task is gone or the caller asks to stop. The task
// table owns the attachments, so every way out of here detaches what is still traced.
#include <sys/ptrace.h>

#include <cerrno>

#include "trace/engine/attach.h"
#include "trace/engine/launch.h"
#include "trace/engine/seccomp_program.h"
#include "trace/engine/stop_handler.h"
#include "trace/engine/stop_waiter.h"
#include "trace/engine/task_table.h"
#include "trace/engine/tracer.h"

namespace netlens::trace {

namespace {

std::optional<Error> check_options(const EngineOptions& options) {
#if !defined(__x86_64__)
    return Error{ExitCode::failure, "trace: only x86_64 system calls can be traced"};
#endif
    if (options.command.empty() == options.attach_pids.empty())
        return Error{ExitCode::usage, "trace: give either a command to run or processes to attach to"};
    for (const long number : options.stop_on)
        if (number < 0 || static_cast<size_t>(number) >= kSyscallSlots)
            return Error{ExitCode::usage, "trace: no system call has number " + std::to_string(number)};
    return std::nullopt;
}

unsigned long common_ptrace_options(const EngineOptions& options) {
    // TRACEEXIT: a task killed inside a call (SIGKILL, a sibling's exit_group) stops once
    // more before it is gone, so that the call can still be shown, ending in "= ?".
    unsigned long flags = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT;
    if (options.follow_forks) flags |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
    return flags;
}

// Starts the command, seized and interrupted, as the first task of the table.
Result<LaunchedCommand> start_command(const EngineOptions& options, const SeccompProgram* filter,
                                      const sigset_t& child_mask, TaskTable& tasks) {
    LaunchRequest request;
    request.argv = options.command;
    request.filter = filter;
    request.ptrace_options = common_ptrace_options(options) | PTRACE_O_EXITKILL;
    if (filter != nullptr) request.ptrace_options |= PTRACE_O_TRACESECCOMP;
    request.child_mask = child_mask;
    auto launched = launch_traced(request);
    if (!launched) return launched.error();
    Task& task = tasks.add(launched->pid, launched->pid);
    task.seccomp = filter != nullptr;
    task.hidden_until_exec = true;
    return launched;
}

}  // namespace

Result<EngineOutcome> run_engine(const EngineOptions& options, EngineEvents& events, const std::atomic<bool>& stop) {
    if (auto error = check_options(options)) return *error;
    const bool launching = !options.command.empty();
    std::optional<SeccompProgram> filter;
    if (launching && options.seccomp && !options.stop_on.empty()) {
        auto compiled = compile_trace_filter(options.stop_on);
        if (!compiled) return compiled.error();
        filter = std::move(*compiled);
    }

    // Destroyed in reverse: the table detaches before the waiter takes its tick away.
    StopWaiter waiter;
    TaskTable tasks;
    StopHandler handler(options.stop_on, events, tasks);
    FileDescriptor launch_failure;
    if (launching) {
        auto launched = start_command(options, filter ? &*filter : nullptr, waiter.original_mask(), tasks);
        if (!launched) return launched.error();
        handler.set_command(launched->pid);
        launch_failure = std::move(launched->failure_pipe);
    } else {
        for (const int pid : options.attach_pids)
            if (auto error = seize_process(pid, common_ptrace_options(options), tasks)) return *error;
    }
    for (const auto& [tid, task] : tasks.all()) events.on_new_task(task.pid, tid, 0);

    EngineOutcome outcome;
    while (!tasks.empty()) {
        if (stop.load(std::memory_order_relaxed)) {
            for (const DetachedTask& task : tasks.detach_all()) {
                outcome.detached.push_back(task.tid);
                events.on_detached(task.pid, task.tid);
            }
            break;
        }
        int status = 0;
        const int tid = waiter.next(status);
        if (tid < 0 && errno == EINTR) continue;
        if (tid < 0) {
            if (errno == ECHILD) break;  // the kernel has nothing traced left for us
            return Error{ExitCode::failure, "trace: waitpid: " + errno_text(errno)};
        }
        handler.handle(tid, status);
        if (launching && handler.command_status() && !handler.command_exec_seen())
            if (auto error = read_launch_failure(launch_failure.get(), options.command.front())) return *error;
    }
    outcome.command_status = handler.command_status();
    return outcome;
}

}  // namespace netlens::trace
