// The set of traced tasks and what the engine remembers of each between stops. It owns
// the attachments: destroying it (or detach_all) detaches every task that is still
// traced, whatever state it is in, so an early return or an exception leaves no process
// stopped or traced behind.
#pragma once

#include <unordered_map>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

struct Task {
    int tid = 0;
    int pid = 0;                     // thread group; 0 while awaiting_parent
    bool stopped = false;            // in a ptrace-stop the engine has not resumed yet
    bool seccomp = false;            // runs under our filter: entries arrive as seccomp stops
    bool hidden_until_exec = false;  // the launched child before its execve: not its calls
    bool awaiting_parent = false;    // stopped before its creator's fork/clone event arrived
    bool exit_wanted = false;        // the entry was reported and on_entry asked for the exit
    int stop_signal = 0;             // the signal of a signal-delivery stop, re-delivered on detach
    SyscallEntry entry;              // the reported call in progress
};

// A task that was detached while alive.
struct DetachedTask {
    int pid = 0;
    int tid = 0;
};

class TaskTable {
public:
    TaskTable() = default;
    TaskTable(const TaskTable&) = delete;
    TaskTable& operator=(const TaskTable&) = delete;
    ~TaskTable() { detach_all(); }

    Task* find(int tid);
    Task& add(int tid, int pid);  // an existing entry for tid is replaced
    void remove(int tid);
    // A non-leader thread's execve: it takes the leader's tid and the leader's entry goes.
    void take_over(int former_tid, int leader_tid);
    const std::unordered_map<int, Task>& all() const { return tasks_; }
    bool empty() const { return tasks_.empty(); }
    size_t size() const { return tasks_.size(); }

    // Interrupts every running task, detaches each at its next stop (a pending signal
    // re-delivered), and forgets tasks that exit meanwhile. Tasks that give no stop within
    // a second (a zombie leader whose threads still run) are left to the kernel, which
    // detaches them when the tracer exits. Never throws.
    std::vector<DetachedTask> detach_all() noexcept;

private:
    std::unordered_map<int, Task> tasks_;
};

}  // namespace netlens::trace
