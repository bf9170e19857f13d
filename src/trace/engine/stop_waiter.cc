#include "trace/engine/stop_waiter.h"

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace netlens::trace {

namespace {

constexpr int kTickOffset = 6;  // above the real-time signals glibc keeps for itself
constexpr long kTickPeriodNs = 50'000'000;

// How long to poll for the next stop before blocking. A tracee usually stops again within
// a few tens of microseconds of being resumed (the traced call's own work); a tracer that
// blocked meanwhile must be woken on its idle CPU, which on virtual machines costs more
// than the call itself (measured here: a traced UDP send or receive cost 3x as much).
constexpr long kPollBeforeBlockingNs = 50'000;

long elapsed_ns(const timespec& since) {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since.tv_sec) * 1'000'000'000L + (now.tv_nsec - since.tv_nsec);
}

// Does nothing: its only effect is to end a waitpid with EINTR.
void on_tick(int) {}

}  // namespace

StopWaiter::StopWaiter() : tick_signal_(SIGRTMIN + kTickOffset) {
    sigaction(SIGCHLD, nullptr, &original_child_action_);
    if (original_child_action_.sa_handler == SIG_IGN) {
        struct sigaction default_action {};
        default_action.sa_handler = SIG_DFL;
        sigemptyset(&default_action.sa_mask);
        sigaction(SIGCHLD, &default_action, nullptr);
        child_action_replaced_ = true;
    }
    sigemptyset(&tick_only_);
    sigaddset(&tick_only_, tick_signal_);
    pthread_sigmask(SIG_BLOCK, &tick_only_, &original_mask_);
    struct sigaction tick {};
    tick.sa_handler = on_tick;
    sigemptyset(&tick.sa_mask);
    tick.sa_flags = 0;  // no SA_RESTART: the point is to interrupt waitpid
    sigaction(tick_signal_, &tick, &original_tick_action_);

    sigevent event{};
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = tick_signal_;
    event._sigev_un._tid = gettid();  // glibc 2.36 has no sigev_notify_thread_id name for it
    if (timer_create(CLOCK_MONOTONIC, &event, &timer_) == 0) {
        const itimerspec period{{0, kTickPeriodNs}, {0, kTickPeriodNs}};
        timer_armed_ = timer_settime(timer_, 0, &period, nullptr) == 0;
        if (!timer_armed_) timer_delete(timer_);
    }
    // Without a timer the flag is still checked after every stop, only not while idle.
}

StopWaiter::~StopWaiter() {
    if (timer_armed_) timer_delete(timer_);
    // A tick still pending must be taken while it is blocked: the default action of a
    // real-time signal ends the process.
    const timespec no_wait{0, 0};
    while (sigtimedwait(&tick_only_, nullptr, &no_wait) == tick_signal_) {
    }
    sigaction(tick_signal_, &original_tick_action_, nullptr);
    pthread_sigmask(SIG_SETMASK, &original_mask_, nullptr);
    if (child_action_replaced_) sigaction(SIGCHLD, &original_child_action_, nullptr);
}

// A stop that comes within kPollBeforeBlockingNs, without blocking: its tid (or -1 with
// errno), or 0 when none came.
int StopWaiter::poll_briefly(int& status) {
    timespec start{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (true) {
        const int ready = waitpid(-1, &status, __WALL | WNOHANG);
        if (ready != 0 || elapsed_ns(start) > kPollBeforeBlockingNs) return ready;
    }
}

int StopWaiter::next(int& status) {
    if (const int ready = poll_briefly(status); ready != 0) return ready;
    pthread_sigmask(SIG_UNBLOCK, &tick_only_, nullptr);
    const int tid = waitpid(-1, &status, __WALL);
    const int err = errno;
    pthread_sigmask(SIG_BLOCK, &tick_only_, nullptr);
    errno = err;
    return tid;
}

}  // namespace netlens::trace
