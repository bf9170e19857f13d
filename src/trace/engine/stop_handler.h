// What the engine does at each ptrace stop: decides what kind of stop it is, reports it
// through EngineEvents and resumes the task the cheapest way that still shows the next
// stop the caller wants. One PTRACE_GET_SYSCALL_INFO per syscall stop; nothing is
// allocated on the syscall path.
//
// A task under our seccomp filter enters calls through PTRACE_EVENT_SECCOMP stops; it is
// resumed with PTRACE_SYSCALL only when the caller wants that call's exit, else with
// PTRACE_CONT. Other tasks are resumed with PTRACE_SYSCALL throughout, and the stop's own
// PTRACE_SYSCALL_INFO op says entry or exit, so a call interrupted by the attach cannot
// put the two out of step.
#pragma once

#include <bitset>
#include <optional>

#include "trace/engine/task_table.h"
#include "trace/engine/tracee_memory.h"
#include "trace/engine/tracer.h"

namespace netlens::trace {

// Syscall numbers the engine can be asked to stop on: x86_64's are below 512.
inline constexpr size_t kSyscallSlots = 1024;

class StopHandler {
public:
    StopHandler(std::span<const long> stop_on, EngineEvents& events, TaskTable& tasks);

    // The launched command's main process, whose exit status the caller exits with.
    void set_command(int pid) { command_pid_ = pid; }
    std::optional<int> command_status() const { return command_status_; }
    bool command_exec_seen() const { return command_exec_seen_; }

    // One waitpid result: a stop or the end of a task.
    void handle(int tid, int status);

private:
    void on_task_end(int tid, int status);
    void hold_unknown_task(int tid);
    void on_syscall_stop(Task& task);
    void on_seccomp_stop(Task& task);
    void on_call_entry(Task& task, uint32_t arch, uint64_t number, const uint64_t (&args)[6]);
    void on_call_exit(Task& task, int64_t value, bool failed);
    void on_new_child(Task& parent, int event);
    void on_exec(Task& task);
    void on_event_stop(Task& task, int signal);
    void on_exit_event(Task& task);
    void on_signal_delivery(Task& task, int signal);

    bool wanted(uint64_t number) const { return all_calls_ || (number < kSyscallSlots && stop_on_[number]); }
    static void resume(Task& task, int signal);
    void resume_after_callbacks(Task& task);

    std::bitset<kSyscallSlots> stop_on_;
    bool all_calls_ = false;
    EngineEvents& events_;
    TaskTable& tasks_;
    LiveTraceeMemory memory_;
    int command_pid_ = 0;
    bool command_exec_seen_ = false;
    std::optional<int> command_status_;
};

}  // namespace netlens::trace
