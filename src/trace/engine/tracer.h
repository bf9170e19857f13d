// The ptrace engine of `netlens trace`: runs a command (or attaches to processes) and hands
// every stopped system call to an EngineEvents implementation. It knows nothing of
// decoding, sockets or printing, and never writes to stdout or stderr.
//
// Launched commands run under a seccomp-bpf filter that stops only the chosen calls
// (PTRACE_EVENT_SECCOMP); attached processes and unfiltered runs use PTRACE_SYSCALL
// throughout and report only the chosen calls. Every stop reads the call with one
// PTRACE_GET_SYSCALL_INFO.
#pragma once

#include <signal.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "trace/trace_model.h"

namespace netlens::trace {

struct EngineOptions {
    std::vector<std::string> command;  // launch this argv (execvp semantics, PATH lookup), or
    std::vector<int> attach_pids;      // -p: attach to every thread of each process
    bool follow_forks = false;         // -f: threads, fork, vfork, clone, clone3 children
    std::vector<long> stop_on;         // syscall numbers whose entry must stop; empty = all
    bool seccomp = true;               // launched commands: a seccomp-bpf filter so only stop_on stops
};

// Implemented by the caller. Every callback runs on the thread that called run_engine,
// while the task it names is stopped.
class EngineEvents {
public:
    virtual ~EngineEvents() = default;
    // Entry stop of a call in stop_on (every call when stop_on is empty). Return true to
    // get its exit stop too (false: the tracee resumes without stopping at the exit).
    virtual bool on_entry(const SyscallEntry& entry, TraceeMemory& memory) = 0;
    virtual void on_exit(const SyscallEntry& entry, const SyscallExit& exit, TraceeMemory& memory) = 0;
    // Instead of on_exit: the task is ending inside the call (SIGKILL, another thread's
    // exit_group, exit_group itself) and the call never returns. Its memory is still there.
    virtual void on_call_unfinished(const SyscallEntry& /*entry*/, TraceeMemory& /*memory*/) {}
    // Called right before a task is resumed from a stop that called on_entry/on_exit: the
    // caller closes anything it borrowed from the tracee (pidfd_getfd duplicates) here.
    virtual void before_resume(int /*tid*/) {}
    // A signal about to be delivered (strace: --- SIGCHLD {...} ---); it is delivered on resume.
    virtual void on_signal(int /*pid*/, int /*tid*/, const siginfo_t& /*info*/) {}
    // The task entered a group-stop (strace: --- stopped by SIGSTOP ---).
    virtual void on_group_stop(int /*pid*/, int /*tid*/, int /*signal*/) {}
    // The task is gone (strace: +++ exited with 0 +++); wait_status as waitpid(2) gives it.
    virtual void on_task_exit(int /*pid*/, int /*tid*/, int /*wait_status*/) {}
    // A task is traced from now on. pid: the thread group of tid. parent_tid is 0 for the
    // launched command and for the threads attached with -p.
    virtual void on_new_task(int /*pid*/, int /*tid*/, int /*parent_tid*/) {}
    // A successful execve. former_tid differs from tid when a thread other than the leader
    // called it: that thread now has the leader's tid.
    virtual void on_exec(int /*pid*/, int /*tid*/, int /*former_tid*/) {}
    // Tracing stopped early and the task was left running.
    virtual void on_detached(int /*pid*/, int /*tid*/) {}
};

struct EngineOutcome {
    std::optional<int> command_status;  // wait status of the launched command's main process
    std::vector<int> detached;          // tids left running when tracing stopped early
};

// Runs until every traced task is gone, or until `stop` becomes true (checked at least
// every 100 ms and after every stop; set it from a signal handler): then every tracee is
// detached (PTRACE_INTERRUPT + PTRACE_DETACH, any pending signal re-delivered) and keeps
// running. Tracees are also detached when a callback throws or the engine fails.
//
// While it runs, the calling thread gets a tick signal (SIGRTMIN + 6, blocked but inside
// the engine's waitpid) every 50 ms so that an idle wait still sees the flag, and SIGCHLD
// is not left ignored (the kernel would reap the launched command's status itself).
// The engine reaps with waitpid(-1, __WALL): other children of the calling process that
// end meanwhile are reaped too (and ignored). One run_engine at a time per process: the
// tick's handler is process-wide.
// Caveat: a launched command stays under its seccomp filter after a detach, and without
// a tracer its filtered calls fail with ENOSYS. Callers forward signals to a launched
// command instead of stopping early, or launch it with `seccomp = false`.
Result<EngineOutcome> run_engine(const EngineOptions& options, EngineEvents& events, const std::atomic<bool>& stop);

// The live TraceeMemory: process_vm_readv, falling back to PTRACE_PEEKDATA when refused.
// PTRACE_PEEKDATA needs the task in a ptrace-stop, as it is during every callback.
std::unique_ptr<TraceeMemory> live_tracee_memory(int tid);

}  // namespace netlens::trace
