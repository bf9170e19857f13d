// A delivered signal's siginfo as strace shows it. The siginfo values come from the kernel
// (a signal this process sends itself and takes with sigwaitinfo); the expected forms are
// strace 6.1's: `strace -e trace=none -e signal=all` on a program that does
// `kill(getpid(), SIGUSR1)` prints
//   --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1234, si_uid=0} ---
// and on a shell whose child exits 3,
//   --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1235, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---
#include "trace/decode/siginfo.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "trace/present/value_text.h"

namespace netlens::trace {
namespace {

// Blocks `signal`, runs `send`, and takes the pending signal's siginfo from the kernel.
template <typename Send>
siginfo_t taken_signal(int signal, Send send) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &set, &old);
    send();
    siginfo_t info{};
    timespec wait{5, 0};
    EXPECT_EQ(sigtimedwait(&set, &info, &wait), signal);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return info;
}

TEST(Siginfo, SentByAProcessNamesItsPidAndUid) {
    const siginfo_t info = taken_signal(SIGUSR1, [] { kill(getpid(), SIGUSR1); });
    EXPECT_EQ(value_text(siginfo_value(info)), "{si_signo=SIGUSR1, si_code=SI_USER, si_pid=" + std::to_string(getpid()) +
                                                   ", si_uid=" + std::to_string(getuid()) + "}");
    const SignalDelivery delivery = signal_delivery(10, 11, info);
    EXPECT_EQ(delivery.signal, "SIGUSR1");
    EXPECT_EQ(delivery.pid, 10);
    EXPECT_GT(delivery.at_us, 0);
}

TEST(Siginfo, ChildExitCarriesItsStatus) {
    pid_t child = 0;
    const siginfo_t info = taken_signal(SIGCHLD, [&] {
        child = fork();
        if (child == 0) _exit(3);
    });
    ASSERT_GT(child, 0);
    waitpid(child, nullptr, 0);
    EXPECT_EQ(value_text(siginfo_value(info)),
              "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=" + std::to_string(child) + ", si_uid=" +
                  std::to_string(getuid()) + ", si_status=3, si_utime=" + std::to_string(info.si_utime) +
                  ", si_stime=" + std::to_string(info.si_stime) + "}");
}

TEST(Siginfo, SignalNames) {
    EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
    EXPECT_EQ(signal_name(SIGRTMIN), "SIGRTMIN");
    EXPECT_EQ(signal_name(SIGRTMIN + 2), "SIGRT_2");
    EXPECT_EQ(signal_name(200), "SIG200");
}

}  // namespace
}  // namespace netlens::trace
