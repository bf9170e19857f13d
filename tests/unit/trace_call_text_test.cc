// strace's line forms, rebuilt from CallRecords whose argument texts are set by hand.
// Every expected line was printed by strace 6.1 on this machine; the command is named
// above each test (thr.c: three threads each socket()+connect() to a closed loopback
// port, then a child that exits with 3 and one killed by SIGKILL; acc.c: accept4 in
// the main thread while a second thread connects).
#include "trace/present/call_text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace netlens::trace {
namespace {

Value leaf(const std::string& text) {
    Value value;
    value.text = text;
    return value;
}

const std::string kInetAddress = "{sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr(\"127.0.0.1\")}";

CallRecord call(int tid, const std::string& name, std::vector<std::string> args, std::optional<std::string> result) {
    CallRecord record;
    record.entry.pid = tid;
    record.entry.tid = tid;
    record.name = name;
    for (const auto& arg : args) record.args.push_back(leaf(arg));
    if (result) {
        record.exit = SyscallExit{};
        record.result = leaf(*result);
    }
    return record;
}

// strace -f -yy -e trace=socket,connect,exit_group ./thr
TEST(CallText, ResultAtColumnFortyWithPidPrefix) {
    CallTextPrinter printer({});
    EXPECT_EQ(printer.call(call(12779, "exit_group", {"3"}, std::nullopt), true),
              "[pid 12779] exit_group(3)               = ?");
    EXPECT_EQ(printer.call(call(12771, "socket", {"AF_INET", "SOCK_STREAM", "IPPROTO_IP"}, "3<TCP:[6955868]>"), true),
              "[pid 12771] socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[6955868]>");
    EXPECT_EQ(printer.call(call(12770, "exit_group", {"0"}, std::nullopt), false),
              "exit_group(0)                           = ?");
}

TEST(CallText, SmallPidsArePaddedToFiveColumns) {
    CallTextPrinter printer({});
    EXPECT_EQ(printer.call(call(42, "listen", {"3", "5"}, "0"), true).substr(0, 12), "[pid    42] ");
}

// strace -f -yy -e trace=socket,connect,exit_group ./thr (unfinished/resumed), and
// strace -f -e trace=accept4,connect ./acc (arguments split between entry and exit).
TEST(CallText, UnfinishedAndResumed) {
    CallTextPrinter printer({});
    const auto connect = call(12771, "connect", {"3<TCP:[6955868]>", kInetAddress, "16"},
                              "-1 ECONNREFUSED (Connection refused)");
    EXPECT_EQ(printer.unfinished(connect, 3, true),
              "[pid 12771] connect(3<TCP:[6955868]>, " + kInetAddress + ", 16 <unfinished ...>");
    EXPECT_EQ(printer.resumed(connect, 3, true),
              "[pid 12771] <... connect resumed>)      = -1 ECONNREFUSED (Connection refused)");

    const auto accept = call(14291, "accept4",
                             {"3", "{sa_family=AF_INET, sin_port=htons(44840), sin_addr=inet_addr(\"127.0.0.1\")}",
                              "[16]", "SOCK_CLOEXEC"},
                             "4");
    EXPECT_EQ(printer.unfinished(accept, 1, true), "[pid 14291] accept4(3,  <unfinished ...>");
    EXPECT_EQ(printer.resumed(accept, 1, false),
              "<... accept4 resumed>{sa_family=AF_INET, sin_port=htons(44840), sin_addr=inet_addr(\"127.0.0.1\")}, "
              "[16], SOCK_CLOEXEC) = 4");
}

// strace -f -yy -e trace=network on threads blocked in accept and recvfrom when the
// process exits (tests/programs/exit_in_call.c).
TEST(CallText, CallsThatNeverReturn) {
    CallTextPrinter printer({});
    const auto accept = call(6263, "accept", {"3<TCP:[127.0.0.1:53389]>", "0x7f5e8b7fde90", "0x7f5e8b7fde8c"},
                             std::nullopt);
    EXPECT_EQ(printer.unreturned(accept, 1, false, true),
              "[pid  6263] accept(3<TCP:[127.0.0.1:53389]>,  <unfinished ...>) = ?");
    EXPECT_EQ(printer.unreturned(accept, 1, true, true), "[pid  6263] <... accept resumed> <unfinished ...>) = ?");
    const auto connect = call(7, "connect", {"3", kInetAddress, "16"}, std::nullopt);
    EXPECT_EQ(printer.unreturned(connect, 3, false, false), "connect(3, " + kInetAddress + ", 16) = ?");
    EXPECT_EQ(printer.unreturned(call(7, "exit_group", {"0"}, std::nullopt), 1, false, false),
              "exit_group(0)                           = ?");
}

// strace -o out.txt -f -e trace=socket,exit_group ./thr
TEST(CallText, ColumnPrefixForOutputFiles) {
    CallTextPrinter printer({.pid_prefix = PidPrefix::column});
    EXPECT_EQ(printer.call(call(13155, "socket", {"AF_INET", "SOCK_STREAM", "IPPROTO_IP"}, "3"), true),
              "13155 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3");
    EXPECT_EQ(printer.unfinished(call(13156, "socket", {"AF_INET", "SOCK_STREAM", "IPPROTO_IP"}, "4"), 3, true),
              "13156 socket(AF_INET, SOCK_STREAM, IPPROTO_IP <unfinished ...>");
}

// strace -f -T -tt -e trace=socket,connect ./thr (run with TZ=UTC)
TEST(CallText, ClockAndDuration) {
    setenv("TZ", "UTC", 1);
    tzset();
    CallTextPrinter printer({.timestamps = TimestampStyle::microseconds, .durations = true});
    auto socket = call(12787, "socket", {"AF_INET", "SOCK_STREAM", "IPPROTO_IP"}, "3");
    socket.entry.entered_us = 1796316308254304;
    socket.entry.monotonic_entered_ns = 5'000'000'000;
    socket.exit->monotonic_exited_ns = 5'000'030'400;
    EXPECT_EQ(printer.call(socket, true),
              "[pid 12787] 16:45:08.254304 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3 <0.000030>");

    CallTextPrinter seconds({.timestamps = TimestampStyle::seconds});
    EXPECT_EQ(seconds.call(socket, false).substr(0, 9), "16:45:08 ");
    unsetenv("TZ");
    tzset();
}

// strace -r / -ttt -e trace=socket,connect ./thr: the parent's SIGCHLD lines and its exit.
TEST(CallText, RelativeAndEpochTimestampsOnSignalAndExitLines) {
    Value siginfo;
    siginfo.shape = Value::Shape::structure;
    for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
             {"si_signo", "SIGCHLD"}, {"si_code", "CLD_EXITED"}, {"si_pid", "12797"}, {"si_uid", "0"},
             {"si_status", "3"}, {"si_utime", "0"}, {"si_stime", "0"}}) {
        Value field = leaf(text);
        field.name = name;
        siginfo.children.push_back(field);
    }
    const std::string info =
        "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12797, si_uid=0, si_status=3, si_utime=0, si_stime=0}";

    CallTextPrinter relative({.relative = true});
    SignalDelivery first{.pid = 12796, .tid = 12796, .signal = "SIGCHLD", .siginfo = siginfo,
                         .monotonic_ns = 7'000'000'000};
    SignalDelivery second = first;
    second.monotonic_ns = 7'000'318'200;
    TraceeExit exited{.pid = 12796, .tid = 12796, .monotonic_ns = 7'000'486'900};
    EXPECT_EQ(relative.signal(first, false), "     0.000000 --- SIGCHLD " + info + " ---");
    EXPECT_EQ(relative.signal(second, false), "     0.000318 --- SIGCHLD " + info + " ---");
    EXPECT_EQ(relative.exit(exited, false), "     0.000168 +++ exited with 0 +++");

    CallTextPrinter epoch({.timestamps = TimestampStyle::epoch});
    first.at_us = 1796316308398265;
    EXPECT_EQ(epoch.signal(first, false), "1796316308.398265 --- SIGCHLD " + info + " ---");
}

// strace -f -yy -e trace=socket,connect,exit_group ./thr
TEST(CallText, ExitLines) {
    CallTextPrinter printer({});
    EXPECT_EQ(printer.exit(TraceeExit{.pid = 12780, .tid = 12780, .killed = true, .signal = "SIGKILL"}, true),
              "[pid 12780] +++ killed by SIGKILL +++");
    EXPECT_EQ(printer.exit(TraceeExit{.pid = 12779, .tid = 12779, .status = 3}, true),
              "[pid 12779] +++ exited with 3 +++");
}

}  // namespace
}  // namespace netlens::trace
