#include "trace/engine/stop_handler.h"

#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <charconv>
#include <string>
#include <string_view>

#include "proc/file_text.h"
#include "trace/clock.h"

namespace netlens::trace {

namespace {

// The thread group of a task created by clone: a thread (CLONE_THREAD) or a process. The
// clone event does not say which, /proc/TID/status does. `fallback` if it cannot be read.
int thread_group_of(int tid, int fallback) {
    const proc::FileText status = proc::read_file_text("/proc/" + std::to_string(tid) + "/status");
    const std::string_view text = status.text;
    constexpr std::string_view kKey = "\nTgid:";
    const size_t at = text.find(kKey);
    if (status.err != 0 || at == std::string_view::npos) return fallback;
    size_t start = at + kKey.size();
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    int pid = 0;
    const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), pid);
    return error == std::errc{} && pid > 0 ? pid : fallback;
}

bool is_stop_signal(int signal) {
    return signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU;
}

// The request that resumes a task so that the next stop the caller wants still comes.
int resume_request(const Task& task) { return !task.seccomp || task.exit_wanted ? PTRACE_SYSCALL : PTRACE_CONT; }

}  // namespace

StopHandler::StopHandler(std::span<const long> stop_on, EngineEvents& events, TaskTable& tasks)
    : all_calls_(stop_on.empty()), events_(events), tasks_(tasks) {
    for (const long number : stop_on)
        if (number >= 0 && static_cast<size_t>(number) < kSyscallSlots) stop_on_.set(static_cast<size_t>(number));
}

void StopHandler::handle(int tid, int status) {
    if (!WIFSTOPPED(status)) return on_task_end(tid, status);
    Task* task = tasks_.find(tid);
    if (task == nullptr) return hold_unknown_task(tid);
    task->stopped = true;
    const int signal = WSTOPSIG(status);
    if (signal == (SIGTRAP | 0x80)) return on_syscall_stop(*task);
    switch ((status >> 16) & 0xff) {
        case 0: return on_signal_delivery(*task, signal);
        case PTRACE_EVENT_SECCOMP: return on_seccomp_stop(*task);
        case PTRACE_EVENT_FORK:
        case PTRACE_EVENT_VFORK:
        case PTRACE_EVENT_CLONE: return on_new_child(*task, (status >> 16) & 0xff);
        case PTRACE_EVENT_EXEC: return on_exec(*task);
        case PTRACE_EVENT_STOP: return on_event_stop(*task, signal);
        case PTRACE_EVENT_EXIT: return on_exit_event(*task);
        default: return resume(*task, 0);
    }
}

void StopHandler::on_task_end(int tid, int status) {
    const Task* task = tasks_.find(tid);
    if (task == nullptr) return;  // a child of ours we never traced
    events_.on_task_exit(task->pid, tid, status);
    if (tid == command_pid_) command_status_ = status;
    tasks_.remove(tid);
}

// A new child's first stop can arrive before its creator's fork/clone event: it waits,
// stopped, until that event names its parent, so that on_new_task comes before any of
// its calls.
void StopHandler::hold_unknown_task(int tid) {
    Task& task = tasks_.add(tid, 0);
    task.awaiting_parent = true;
    task.stopped = true;
}

void StopHandler::on_syscall_stop(Task& task) {
    __ptrace_syscall_info info{};
    if (ptrace(PTRACE_GET_SYSCALL_INFO, task.tid, reinterpret_cast<void*>(sizeof info), &info) > 0) {
        if (info.op == PTRACE_SYSCALL_INFO_ENTRY) return on_call_entry(task, info.arch, info.entry.nr, info.entry.args);
        if (info.op == PTRACE_SYSCALL_INFO_EXIT) return on_call_exit(task, info.exit.rval, info.exit.is_error != 0);
    }
    resume(task, 0);
}

void StopHandler::on_seccomp_stop(Task& task) {
    __ptrace_syscall_info info{};
    if (ptrace(PTRACE_GET_SYSCALL_INFO, task.tid, reinterpret_cast<void*>(sizeof info), &info) > 0 &&
        info.op == PTRACE_SYSCALL_INFO_SECCOMP)
        return on_call_entry(task, info.arch, info.seccomp.nr, info.seccomp.args);
    resume(task, 0);
}

void StopHandler::on_call_entry(Task& task, uint32_t arch, uint64_t number, const uint64_t (&args)[6]) {
    task.exit_wanted = false;
    // The launched child's own calls before its execve (the wait for the tracer, the
    // filter's installation) are ours, not the command's.
    if (task.hidden_until_exec && (number == SYS_execve || number == SYS_execveat)) task.hidden_until_exec = false;
    if (arch != AUDIT_ARCH_X86_64 || task.hidden_until_exec || !wanted(number)) return resume(task, 0);
    SyscallEntry& entry = task.entry;
    entry.pid = task.pid;
    entry.tid = task.tid;
    entry.number = static_cast<long>(number);
    std::copy(std::begin(args), std::end(args), entry.args.begin());
    entry.entered_us = wall_micros();
    entry.monotonic_entered_ns = monotonic_ns();
    memory_.set_tid(task.tid);
    task.exit_wanted = events_.on_entry(entry, memory_);
    resume_after_callbacks(task);
}

void StopHandler::on_call_exit(Task& task, int64_t value, bool failed) {
    // An exit whose entry was not reported: a call not asked for, or one that was in
    // progress when we attached.
    if (!task.exit_wanted) return resume(task, 0);
    task.exit_wanted = false;
    const SyscallExit exit{value, failed, wall_micros(), monotonic_ns()};
    memory_.set_tid(task.tid);
    events_.on_exit(task.entry, exit, memory_);
    resume_after_callbacks(task);
}

// The task is about to be gone; its memory is still there. A call whose exit was wanted
// will never have one.
void StopHandler::on_exit_event(Task& task) {
    if (!task.exit_wanted) return resume(task, 0);
    task.exit_wanted = false;
    memory_.set_tid(task.tid);
    events_.on_call_unfinished(task.entry, memory_);
    resume_after_callbacks(task);
}

void StopHandler::on_new_child(Task& parent, int event) {
    unsigned long message = 0;
    if (ptrace(PTRACE_GETEVENTMSG, parent.tid, nullptr, &message) == 0 && message != 0) {
        const int child_tid = static_cast<int>(message);
        const int child_pid = event == PTRACE_EVENT_CLONE ? thread_group_of(child_tid, parent.pid) : child_tid;
        Task* child = tasks_.find(child_tid);
        const bool was_held = child != nullptr && child->awaiting_parent;
        if (child == nullptr) child = &tasks_.add(child_tid, child_pid);  // its first stop is still to come
        child->pid = child_pid;
        child->seccomp = parent.seccomp;  // a filter is inherited by every child
        child->awaiting_parent = false;
        events_.on_new_task(child_pid, child_tid, parent.tid);
        if (was_held) resume(*child, 0);
    }
    resume(parent, 0);
}

void StopHandler::on_exec(Task& task) {
    const int leader = task.tid;
    unsigned long message = 0;
    const int former = ptrace(PTRACE_GETEVENTMSG, leader, nullptr, &message) == 0 ? static_cast<int>(message) : leader;
    Task* current = &task;
    if (former != leader && tasks_.find(former) != nullptr) {
        // A thread other than the leader exec'd: it now has the leader's tid, and the
        // leader itself is gone without an exit of its own.
        tasks_.take_over(former, leader);
        current = tasks_.find(leader);
        current->stopped = true;
    }
    current->hidden_until_exec = false;
    if (leader == command_pid_) command_exec_seen_ = true;
    events_.on_exec(current->pid, leader, former);
    resume(*current, 0);
}

void StopHandler::on_event_stop(Task& task, int signal) {
    if (!is_stop_signal(signal)) return resume(task, 0);  // our PTRACE_INTERRUPT, or a new task's first stop
    // A group-stop: the task stays stopped, as without a tracer, until SIGCONT; LISTEN
    // lets the tracer see that SIGCONT while the task waits. A listening task must be
    // interrupted before it can be detached, as a running one.
    events_.on_group_stop(task.pid, task.tid, signal);
    ptrace(PTRACE_LISTEN, task.tid, nullptr, nullptr);
    task.stopped = false;
}

void StopHandler::on_signal_delivery(Task& task, int signal) {
    task.stop_signal = signal;  // set first: a detach from this stop (even after a throw) re-delivers it
    siginfo_t info{};
    if (ptrace(PTRACE_GETSIGINFO, task.tid, nullptr, &info) == 0) events_.on_signal(task.pid, task.tid, info);
    resume(task, signal);
}

void StopHandler::resume_after_callbacks(Task& task) {
    events_.before_resume(task.tid);
    resume(task, 0);
}

void StopHandler::resume(Task& task, int signal) {
    // ESRCH: the task was killed meanwhile; its end is reported by the next wait.
    ptrace(static_cast<__ptrace_request>(resume_request(task)), task.tid, nullptr, signal);
    task.stopped = false;
    task.stop_signal = 0;
}

}  // namespace netlens::trace
