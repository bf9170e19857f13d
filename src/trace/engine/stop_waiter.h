// Waiting for the next ptrace stop without losing sight of the stop flag. A blocking
// waitpid is the cheapest wait (one system call per stop) but cannot time out, so a
// per-thread timer sends this thread a tick signal every 50 ms, whose empty handler makes
// waitpid return EINTR and the engine check its flag. The tick is blocked everywhere but
// inside that waitpid, so the caller's own calls made from the callbacks never see EINTR.
// A tick that lands just before waitpid blocks is handled before it, and the next one
// interrupts it: the flag waits at most two periods.
// Before it blocks, the waiter polls (waitpid WNOHANG) for up to 50 µs: most stops come
// that soon after a resume, and catching them awake spares the wakeup of an idle CPU.
#pragma once

#include <signal.h>
#include <time.h>

namespace netlens::trace {

class StopWaiter {
public:
    // Installs the tick (signal SIGRTMIN + 6, kept for this purpose) for the calling
    // thread. An ignored SIGCHLD would make the kernel reap our children itself, so it is
    // set to the default until the waiter is destroyed.
    StopWaiter();
    ~StopWaiter();
    StopWaiter(const StopWaiter&) = delete;
    StopWaiter& operator=(const StopWaiter&) = delete;

    // The signal mask the thread had before: a launched child restores it before exec.
    const sigset_t& original_mask() const { return original_mask_; }

    // The tid of a stopped or exited tracee with its wait status, or -1 with errno
    // (EINTR at a tick: check the flag and ask again; ECHILD: nothing is traced any more).
    int next(int& status);

private:
    int poll_briefly(int& status);

    int tick_signal_ = 0;
    sigset_t original_mask_{};
    sigset_t tick_only_{};
    struct sigaction original_tick_action_ {};
    struct sigaction original_child_action_ {};
    bool child_action_replaced_ = false;
    timer_t timer_{};
    bool timer_armed_ = false;
};

}  // namespace netlens::trace
