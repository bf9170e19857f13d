#include "trace/engine/stop_waiter.h"

#include <pthread.h>
#include <sys/wait.h>

#include <cerrno>

namespace netlens::trace {

namespace {

sigset_t child_signal_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    return set;
}

}  // namespace

StopWaiter::StopWaiter() {
    const sigset_t child = child_signal_set();
    pthread_sigmask(SIG_BLOCK, &child, &original_mask_);
    sigaction(SIGCHLD, nullptr, &original_action_);
    if (original_action_.sa_handler == SIG_IGN || (original_action_.sa_flags & SA_NOCLDSTOP) != 0) {
        struct sigaction default_action {};
        default_action.sa_handler = SIG_DFL;
        sigemptyset(&default_action.sa_mask);
        sigaction(SIGCHLD, &default_action, nullptr);
        action_replaced_ = true;
    }
}

StopWaiter::~StopWaiter() {
    if (action_replaced_) sigaction(SIGCHLD, &original_action_, nullptr);
    pthread_sigmask(SIG_SETMASK, &original_mask_, nullptr);
}

int StopWaiter::next(int& status, std::chrono::milliseconds timeout) {
    const int tid = waitpid(-1, &status, __WALL | WNOHANG);
    if (tid != 0) return tid;
    const sigset_t child = child_signal_set();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    const timespec wait_for{static_cast<time_t>(seconds.count()),
                            static_cast<long>(std::chrono::nanoseconds(timeout - seconds).count())};
    // Woken by SIGCHLD (or by the timeout, or EINTR from the caller's stop signal): in
    // every case the caller checks its stop flag and asks again.
    sigtimedwait(&child, nullptr, &wait_for);
    return waitpid(-1, &status, __WALL | WNOHANG);
}

}  // namespace netlens::trace
