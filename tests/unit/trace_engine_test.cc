// The ptrace engine against programs whose calls are known: each program writes down the
// descriptors, addresses, return values and counts it saw, and the engine's reports must
// match them. ptrace of our own children needs no privilege.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include "trace/engine/tracer.h"
#include "trace_engine_test_support.h"

namespace netlens::trace {
namespace {

using test_support::OutputFile;
using test_support::program;
using test_support::RecordingEvents;

// Runs engine_calls under the engine and returns what the engine and the program said.
Result<EngineOutcome> run_calls(RecordingEvents& events, const OutputFile& output, EngineOptions options,
                                long getpid_count = 0, int exit_code = 0) {
    options.command = {program("engine_calls"), output.path(), std::to_string(getpid_count), std::to_string(exit_code)};
    const std::atomic<bool> stop{false};
    return run_engine(options, events, stop);
}

void expect_connects_match_program(const RecordingEvents& events, const OutputFile& output) {
    const auto reported = events.calls_of(SYS_connect);
    const auto made = output.lines("connect");
    ASSERT_EQ(made.size(), 3u) << output.text();
    ASSERT_EQ(reported.size(), made.size());
    const int pid = std::stoi(output.lines("pid").at(0).at(0));
    for (size_t i = 0; i < made.size(); ++i) {
        SCOPED_TRACE("connect #" + std::to_string(i));
        const auto& call = reported[i];
        EXPECT_EQ(call.entry.pid, pid);
        EXPECT_EQ(call.entry.tid, pid);
        EXPECT_EQ(static_cast<int>(call.entry.args[0]), std::stoi(made[i][0]));  // the fd
        EXPECT_EQ(call.entry.args[1], std::stoull(made[i][1]));                  // the sockaddr
        EXPECT_EQ(call.entry.args[2], sizeof(sockaddr_in));
        ASSERT_TRUE(call.exit.has_value());
        const int ret = std::stoi(made[i][2]);
        const int err = std::stoi(made[i][3]);
        EXPECT_EQ(call.exit->value, ret == 0 ? 0 : -err);
        EXPECT_EQ(call.exit->failed, ret != 0);
        EXPECT_GE(call.exit->monotonic_exited_ns, call.entry.monotonic_entered_ns);
        EXPECT_GE(call.exit->exited_us, call.entry.entered_us);
    }
    // The three outcomes the program arranged, as the kernel reported them to it.
    EXPECT_EQ(std::stoi(made[0][2]), 0);
    EXPECT_EQ(std::stoi(made[1][3]), ECONNREFUSED);
    EXPECT_EQ(std::stoi(made[2][3]), EBADF);
}

TEST(TraceEngine, ConnectsUnderSeccompCarryTheProgramsArgumentsAndResults) {
    RecordingEvents events;
    OutputFile output;
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    expect_connects_match_program(events, output);
    EXPECT_EQ(events.calls.size(), 3u);  // nothing but the listed call stops
    EXPECT_EQ(events.unmatched_exits, 0);
}

TEST(TraceEngine, ConnectsWithoutSeccompCarryTheProgramsArgumentsAndResults) {
    RecordingEvents events;
    OutputFile output;
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}, .seccomp = false});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    expect_connects_match_program(events, output);
    EXPECT_EQ(events.calls.size(), 3u);
}

TEST(TraceEngine, EveryCallIsReportedWhenNoneIsListedAndTheFirstIsTheExecve) {
    RecordingEvents events;
    OutputFile output;
    const auto outcome = run_calls(events, output, {}, 100);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_FALSE(events.calls.empty());
    // The child's own calls before exec (waiting for the tracer) are not the command's.
    EXPECT_EQ(events.calls.front().entry.number, SYS_execve);
    ASSERT_TRUE(events.calls.front().exit.has_value());
    EXPECT_EQ(events.calls.front().exit->value, 0);
    EXPECT_EQ(std::to_string(events.calls_of(SYS_getpid).size()), output.lines("getpid").at(0).at(0));
    EXPECT_EQ(events.calls.back().entry.number, SYS_exit_group);
    EXPECT_FALSE(events.calls.back().exit.has_value());  // exit_group never returns
    expect_connects_match_program(events, output);
}

TEST(TraceEngine, SeccompStopsOnlyTheListedCalls) {
    const long kGetpids = 10000;
    {
        RecordingEvents events;
        OutputFile output;
        std::string seccomp_mode;
        events.entry_hook = [&](const SyscallEntry& entry, TraceeMemory&) {
            if (seccomp_mode.empty()) seccomp_mode = test_support::proc_status_field(entry.pid, "Seccomp");
        };
        const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}}, kGetpids);
        ASSERT_TRUE(outcome.ok()) << outcome.error().message;
        EXPECT_GE(std::stol(output.lines("getpid").at(0).at(0)), kGetpids);
        EXPECT_TRUE(events.calls_of(SYS_getpid).empty());
        EXPECT_EQ(events.calls_of(SYS_connect).size(), 3u);
        EXPECT_EQ(seccomp_mode, "2");  // the kernel's view: the tracee runs under a filter
    }
    {
        RecordingEvents events;
        OutputFile output;
        const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect, SYS_getpid}}, kGetpids);
        ASSERT_TRUE(outcome.ok()) << outcome.error().message;
        EXPECT_EQ(std::to_string(events.calls_of(SYS_getpid).size()), output.lines("getpid").at(0).at(0));
        EXPECT_EQ(events.calls_of(SYS_connect).size(), 3u);
    }
}

TEST(TraceEngine, WithoutSeccompTheTraceeHasNoFilter) {
    RecordingEvents events;
    OutputFile output;
    std::string seccomp_mode;
    events.entry_hook = [&](const SyscallEntry& entry, TraceeMemory&) {
        seccomp_mode = test_support::proc_status_field(entry.pid, "Seccomp");
    };
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}, .seccomp = false});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(seccomp_mode, "0");
}

TEST(TraceEngine, AnEntryThatWantsNoExitGetsNone) {
    for (const bool seccomp : {true, false}) {
        SCOPED_TRACE(seccomp ? "seccomp" : "PTRACE_SYSCALL");
        RecordingEvents events;
        events.want_exits = false;
        OutputFile output;
        const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}, .seccomp = seccomp});
        ASSERT_TRUE(outcome.ok()) << outcome.error().message;
        ASSERT_EQ(events.calls_of(SYS_connect).size(), 3u);
        for (const auto& call : events.calls) EXPECT_FALSE(call.exit.has_value());
        EXPECT_EQ(events.unmatched_exits, 0);
        EXPECT_EQ(output.lines("connect").size(), 3u);  // the program went on unharmed
    }
}

TEST(TraceEngine, TheCommandsExitStatusIsReported) {
    RecordingEvents events;
    OutputFile output;
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}}, 0, 7);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_TRUE(outcome->command_status.has_value());
    EXPECT_TRUE(WIFEXITED(*outcome->command_status));
    EXPECT_EQ(WEXITSTATUS(*outcome->command_status), 7);
    const int pid = std::stoi(output.lines("pid").at(0).at(0));
    ASSERT_EQ(events.exits.count(pid), 1u);
    EXPECT_EQ(WEXITSTATUS(events.exits.at(pid)), 7);
    ASSERT_FALSE(events.new_tasks.empty());
    EXPECT_EQ(events.new_tasks.front().tid, pid);
    EXPECT_EQ(events.new_tasks.front().parent_tid, 0);
}

TEST(TraceEngine, AMissingCommandIsOneErrorNamingIt) {
    for (const std::string command : {"/nonexistent/netlens-engine-test", "netlens-engine-test-no-such-command"}) {
        RecordingEvents events;
        const std::atomic<bool> stop{false};
        const auto outcome = run_engine({.command = {command}}, events, stop);
        ASSERT_FALSE(outcome.ok());
        EXPECT_NE(outcome.error().message.find(command), std::string::npos) << outcome.error().message;
        EXPECT_NE(outcome.error().message.find("no such file"), std::string::npos) << outcome.error().message;
        EXPECT_NE(outcome.error().code, ExitCode::ok);
        EXPECT_TRUE(events.calls.empty());
    }
}

TEST(TraceEngine, AnExecTheKernelRefusesIsOneErrorNamingTheCommand) {
    // Executable, but not a program the kernel can load: execve fails with ENOEXEC.
    OutputFile not_a_program;
    std::ofstream(not_a_program.path()) << "\x7f"
                                           "ELF but not really\n";
    ASSERT_EQ(chmod(not_a_program.path().c_str(), 0755), 0);
    RecordingEvents events;
    const std::atomic<bool> stop{false};
    const auto outcome = run_engine({.command = {not_a_program.path()}, .stop_on = {SYS_execve}}, events, stop);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find(not_a_program.path()), std::string::npos) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find(std::strerror(ENOEXEC) + 1), std::string::npos) << outcome.error().message;
    // The failed execve itself was seen, with the kernel's answer.
    const auto execs = events.calls_of(SYS_execve);
    ASSERT_EQ(execs.size(), 1u);
    ASSERT_TRUE(execs[0].exit.has_value());
    EXPECT_EQ(execs[0].exit->value, -ENOEXEC);
}

TEST(TraceEngine, TraceeMemoryReadsTheAddressTheProgramPassed) {
    RecordingEvents events;
    OutputFile output;
    std::vector<sockaddr_in> seen;        // through the engine's reader
    std::vector<sockaddr_in> seen_apart;  // through live_tracee_memory
    events.entry_hook = [&](const SyscallEntry& entry, TraceeMemory& memory) {
        sockaddr_in address{};
        const size_t got = memory.read(entry.args[1], std::as_writable_bytes(std::span(&address, 1)));
        if (got == sizeof address) seen.push_back(address);
        sockaddr_in again{};
        if (live_tracee_memory(entry.tid)->read(entry.args[1], std::as_writable_bytes(std::span(&again, 1))) ==
            sizeof again)
            seen_apart.push_back(again);
        // An address nothing is mapped at reads as nothing, not as a crash.
        std::byte byte{};
        EXPECT_EQ(memory.read(8, std::span(&byte, 1)), 0u);
    };
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(seen.size(), 3u);
    ASSERT_EQ(seen_apart.size(), 3u);
    const int port = std::stoi(output.lines("port").at(0).at(0));
    EXPECT_EQ(seen[0].sin_family, AF_INET);
    EXPECT_EQ(ntohs(seen[0].sin_port), port);
    EXPECT_EQ(ntohl(seen[0].sin_addr.s_addr), INADDR_LOOPBACK);
    EXPECT_EQ(std::memcmp(&seen[0], &seen_apart[0], sizeof(sockaddr_in)), 0);
    EXPECT_NE(ntohs(seen[1].sin_port), port);  // the refused one went elsewhere
}

TEST(TraceEngine, SignalsAreReportedAndStillDelivered) {
    RecordingEvents events;
    OutputFile output;
    const auto outcome = run_calls(events, output, {.stop_on = {SYS_connect}});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    const int pid = std::stoi(output.lines("pid").at(0).at(0));
    ASSERT_EQ(events.signals.size(), 1u);
    EXPECT_EQ(events.signals[0].si_signo, SIGUSR1);
    EXPECT_EQ(events.signals[0].si_pid, pid);            // sent by the program to itself
    EXPECT_EQ(output.lines("signal").at(0).at(1), "1");  // its handler ran once
}

TEST(TraceEngine, AGroupStopHoldsUntilContinued) {
    RecordingEvents events;
    OutputFile output;
    std::string state_while_stopped;
    // Another process's part: look at the stopped command, then continue it.
    std::thread continuer([&] {
        while (events.first_pid.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        state_while_stopped = test_support::proc_status_field(events.first_pid.load(), "State");
        kill(events.first_pid.load(), SIGCONT);
    });
    const std::atomic<bool> stop{false};
    const auto outcome =
        run_engine({.command = {program("engine_stop"), output.path()}, .stop_on = {SYS_connect}}, events, stop);
    continuer.join();
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    const int pid = events.first_pid.load();
    EXPECT_EQ(state_while_stopped.substr(0, 1), "t") << state_while_stopped;  // stopped, under a tracer
    ASSERT_EQ(events.group_stops.size(), 1u);
    EXPECT_EQ(events.group_stops[0], (std::pair<int, int>{pid, SIGSTOP}));
    std::vector<int> delivered;
    for (const auto& info : events.signals) delivered.push_back(info.si_signo);
    EXPECT_EQ(delivered, (std::vector<int>{SIGSTOP, SIGCONT}));
    EXPECT_EQ(output.text(), "continued\n");
    ASSERT_TRUE(outcome->command_status.has_value());
    EXPECT_EQ(WEXITSTATUS(*outcome->command_status), 0);
}

TEST(TraceEngine, BadOptionsAreRefused) {
    RecordingEvents events;
    const std::atomic<bool> stop{false};
    EXPECT_FALSE(run_engine({}, events, stop).ok());
    EXPECT_FALSE(run_engine({.command = {"/bin/true"}, .attach_pids = {1}}, events, stop).ok());
    EXPECT_FALSE(run_engine({.command = {"/bin/true"}, .stop_on = {-1}}, events, stop).ok());
}

}  // namespace
}  // namespace netlens::trace
