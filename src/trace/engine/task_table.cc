#include "trace/engine/task_table.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include <cerrno>

namespace netlens::trace {

namespace {

constexpr uint64_t kDetachPatienceNs = 1'000'000'000;
constexpr uint64_t kStrayChildDrainNs = 20'000'000;

uint64_t monotonic_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000 + static_cast<uint64_t>(now.tv_nsec);
}

// The signal a stop would deliver if resumed, from its stop code (signal | event << 8, as
// waitid's si_status gives it): only signal-delivery stops carry one. Syscall stops are
// SIGTRAP|0x80 (PTRACE_O_TRACESYSGOOD) and event stops have an event.
int signal_to_redeliver(int stop_code) {
    if ((stop_code >> 8) != 0) return 0;
    const int signal = stop_code & 0xff;
    return signal == (SIGTRAP | 0x80) ? 0 : signal;
}

}  // namespace

Task* TaskTable::find(int tid) {
    const auto found = tasks_.find(tid);
    return found == tasks_.end() ? nullptr : &found->second;
}

Task& TaskTable::add(int tid, int pid) {
    Task& task = tasks_[tid];
    task = Task{};
    task.tid = tid;
    task.pid = pid;
    return task;
}

void TaskTable::remove(int tid) { tasks_.erase(tid); }

void TaskTable::take_over(int former_tid, int leader_tid) {
    const auto former = tasks_.find(former_tid);
    if (former == tasks_.end()) return;
    Task moved = former->second;
    tasks_.erase(former);
    moved.tid = leader_tid;
    tasks_[leader_tid] = moved;
}

std::vector<DetachedTask> TaskTable::detach_all() noexcept {
    std::vector<DetachedTask> detached;
    std::unordered_map<int, int> interrupted;  // tid -> pid, awaiting the stop to detach at
    try {
        detached.reserve(tasks_.size());
        for (const auto& [tid, task] : tasks_) {
            if (task.stopped) {
                if (ptrace(PTRACE_DETACH, tid, nullptr, task.stop_signal) == 0) detached.push_back({task.pid, tid});
            } else if (ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr) == 0) {
                interrupted.emplace(tid, task.pid);
            }
        }
        tasks_.clear();
        // Waits for the stops the interrupts asked for, until `until`, or while any remain.
        // A stop of a task not in the table is a new child whose creator's event was not
        // handled yet: it is traced all the same and must be let go too. Only stops are
        // collected (waitid without WEXITED), so that no exit status is taken from the
        // caller, who may wait for a detached command itself; an interrupted task that
        // exits instead is found by asking for it alone.
        const auto collect_stops = [&](uint64_t until, bool only_while_interrupted) {
            while (monotonic_ns() < until && !(only_while_interrupted && interrupted.empty())) {
                siginfo_t stop{};
                const int rc = waitid(P_ALL, 0, &stop, WSTOPPED | __WALL | WNOHANG);
                if (rc < 0 && errno != EINTR) return;  // ECHILD: nothing traced is left
                if (rc == 0 && stop.si_pid != 0) {
                    const int tid = stop.si_pid;
                    const auto found = interrupted.find(tid);
                    const int pid = found == interrupted.end() ? tid : found->second;
                    if (ptrace(PTRACE_DETACH, tid, nullptr, signal_to_redeliver(stop.si_status)) == 0)
                        detached.push_back({pid, tid});
                    if (found != interrupted.end()) interrupted.erase(found);
                    continue;
                }
                for (auto task = interrupted.begin(); task != interrupted.end();) {
                    int status = 0;
                    if (waitpid(task->first, &status, __WALL | WNOHANG) != task->first) {
                        ++task;
                        continue;
                    }
                    if (WIFSTOPPED(status) &&
                        ptrace(PTRACE_DETACH, task->first, nullptr, signal_to_redeliver(status >> 8)) == 0)
                        detached.push_back({task->second, task->first});
                    task = interrupted.erase(task);
                }
                const timespec pause{0, 1'000'000};
                nanosleep(&pause, nullptr);
            }
        };
        collect_stops(monotonic_ns() + kDetachPatienceNs, true);
        // A child created while its parent was being interrupted sends its first stop
        // shortly after: a short drain lets it go as well.
        collect_stops(monotonic_ns() + kStrayChildDrainNs, false);
        // Still running and traced: a last attempt, in case the stop was reaped elsewhere.
        for (const auto& [tid, pid] : interrupted)
            if (ptrace(PTRACE_DETACH, tid, nullptr, 0) == 0) detached.push_back({pid, tid});
    } catch (...) {
        // Only allocation can throw here; the kernel detaches what is left when we exit.
    }
    tasks_.clear();
    return detached;
}

}  // namespace netlens::trace
