// Waiting for the next ptrace stop without losing sight of the stop flag. A blocking
// waitpid cannot time out, so the waiter polls waitpid and, when nothing is ready, sleeps
// in sigtimedwait on SIGCHLD, which the kernel sends the tracer at every stop and exit of
// a tracee. SIGCHLD stays blocked in this thread meanwhile, so it is never lost between
// the two calls.
#pragma once

#include <signal.h>

#include <chrono>

namespace netlens::trace {

class StopWaiter {
public:
    // Blocks SIGCHLD in the calling thread. An ignored SIGCHLD or SA_NOCLDSTOP would mean
    // no signal at ptrace stops (and SIG_IGN no exit statuses): both are set to the
    // default until the waiter is destroyed.
    StopWaiter();
    ~StopWaiter();
    StopWaiter(const StopWaiter&) = delete;
    StopWaiter& operator=(const StopWaiter&) = delete;

    // The signal mask the thread had before: a launched child restores it before exec.
    const sigset_t& original_mask() const { return original_mask_; }

    // The tid of a stopped or exited tracee with its wait status; 0 when nothing happened
    // within `timeout`; -1 with errno (ECHILD: nothing is traced any more).
    int next(int& status, std::chrono::milliseconds timeout);

private:
    sigset_t original_mask_{};
    struct sigaction original_action_ {};
    bool action_replaced_ = false;
};

}  // namespace netlens::trace
