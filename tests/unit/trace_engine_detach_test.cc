// Stopping early: every tracee is detached and goes on to finish its work with the right
// result, neither stopped nor traced (the kernel's TracerPid says so), for a launched
// command and for a process attached with -p.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "proc/file_text.h"
#include "trace/engine/tracer.h"
#include "trace_engine_test_support.h"

namespace netlens::trace {
namespace {

using namespace std::chrono_literals;
using test_support::DelayedStop;
using test_support::OutputFile;
using test_support::proc_status_field;
using test_support::program;
using test_support::RecordingEvents;

// The busy program's verdict after it exits: its exit status and "done OK FAILED".
void expect_finished_well(int pid, const OutputFile& output) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status)) << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << output.text();
    const auto done = output.lines("done");
    ASSERT_EQ(done.size(), 1u) << output.text();
    EXPECT_GT(std::stol(done[0].at(0)), 0);
    EXPECT_EQ(done[0].at(1), "0");
}

void expect_running_untraced(int pid) {
    EXPECT_EQ(proc_status_field(pid, "TracerPid"), "0");
    const std::string state = proc_status_field(pid, "State");
    EXPECT_TRUE(state.rfind("R", 0) == 0 || state.rfind("S", 0) == 0) << state;
}

TEST(TraceEngineDetach, ALaunchedCommandIsLetGoWhenAskedToStop) {
    RecordingEvents events;
    OutputFile output;
    // Unfiltered: a seccomp filter would outlive the tracer and fail the traced calls.
    EngineOptions options{
        .command = {program("engine_busy"), output.path(), "2"}, .stop_on = {SYS_socket}, .seccomp = false};
    DelayedStop stop(200ms);
    const auto outcome = run_engine(options, events, stop.flag);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_FALSE(events.new_tasks.empty());
    const int pid = events.new_tasks.front().pid;
    EXPECT_FALSE(outcome->command_status.has_value());  // it had not finished
    EXPECT_EQ(outcome->detached, std::vector<int>{pid});
    EXPECT_EQ(events.detached, std::vector<int>{pid});
    EXPECT_FALSE(events.calls_of(SYS_socket).empty());
    expect_running_untraced(pid);
    expect_finished_well(pid, output);
}

TEST(TraceEngineDetach, AnAttachedProcessIsTracedThenLetGo) {
    OutputFile output;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const std::string busy = program("engine_busy");
        execl(busy.c_str(), busy.c_str(), output.path().c_str(), "2", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(100ms);  // let it get past exec
    RecordingEvents events;
    DelayedStop stop(300ms);
    const auto outcome = run_engine({.attach_pids = {pid}, .stop_on = {SYS_socket}}, events, stop.flag);
    if (!outcome.ok()) kill(pid, SIGKILL);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(events.new_tasks.size(), 1u);
    EXPECT_EQ(outcome->detached, std::vector<int>{pid});
    const auto sockets = events.calls_of(SYS_socket);
    ASSERT_FALSE(sockets.empty());
    for (const auto& call : sockets) {
        EXPECT_EQ(call.entry.pid, pid);
        EXPECT_EQ(call.entry.args[0], static_cast<uint64_t>(AF_INET));
        EXPECT_EQ(call.entry.args[1], static_cast<uint64_t>(SOCK_DGRAM));
        if (call.exit) {
            EXPECT_GE(call.exit->value, 0);
        }
    }
    expect_running_untraced(pid);
    expect_finished_well(pid, output);
}

TEST(TraceEngineDetach, EveryThreadOfAnAttachedProcessIsTracedThenLetGo) {
    OutputFile output;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const std::string busy = program("engine_busy");
        execl(busy.c_str(), busy.c_str(), output.path().c_str(), "2", "3", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(200ms);  // let it start its threads
    const auto threads = proc::read_file_text("/proc/" + std::to_string(pid) + "/task/");
    RecordingEvents events;
    DelayedStop stop(300ms);
    const auto outcome = run_engine({.attach_pids = {pid}, .stop_on = {SYS_socket}}, events, stop.flag);
    if (!outcome.ok()) kill(pid, SIGKILL);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    // The kernel's list of the threads is the oracle for what had to be attached.
    std::set<int> listed;
    std::istringstream names(threads.text);
    for (std::string name; std::getline(names, name);) listed.insert(std::stoi(name));
    ASSERT_EQ(listed.size(), 4u);
    std::set<int> attached;
    for (const auto& task : events.new_tasks) {
        EXPECT_EQ(task.pid, pid);
        attached.insert(task.tid);
    }
    EXPECT_EQ(attached, listed);
    EXPECT_EQ(std::set<int>(outcome->detached.begin(), outcome->detached.end()), listed);
    std::set<int> calling;
    for (const auto& call : events.calls_of(SYS_socket)) calling.insert(call.entry.tid);
    EXPECT_EQ(calling, listed);  // every thread made calls the engine saw
    for (const int tid : listed) EXPECT_EQ(proc_status_field(tid, "TracerPid"), "0") << tid;
    expect_finished_well(pid, output);
}

TEST(TraceEngineDetach, TracingThatEndsInAnExceptionLetsTheCommandGo) {
    RecordingEvents events;
    OutputFile output;
    events.entry_hook = [&](const SyscallEntry&, TraceeMemory&) {
        if (events.calls.size() == 5) throw std::runtime_error("a decoder failed");
    };
    EngineOptions options{
        .command = {program("engine_busy"), output.path(), "1"}, .stop_on = {SYS_socket}, .seccomp = false};
    const std::atomic<bool> stop{false};
    EXPECT_THROW(run_engine(options, events, stop), std::runtime_error);
    ASSERT_FALSE(events.new_tasks.empty());
    const int pid = events.new_tasks.front().pid;
    expect_running_untraced(pid);
    expect_finished_well(pid, output);
}

TEST(TraceEngineDetach, ASignalHeldAtTheStopIsDeliveredOnDetach) {
    // The callback for the program's SIGUSR1 throws while the task sits in its
    // signal-delivery stop: the detach must hand the signal on, or the program's handler
    // never runs.
    struct ThrowingAtSignal : RecordingEvents {
        void on_signal(int, int, const siginfo_t& info) override {
            if (info.si_signo == SIGUSR1) throw std::runtime_error("stop here");
        }
    } events;
    OutputFile output;
    EngineOptions options{
        .command = {program("engine_calls"), output.path(), "0", "0"}, .stop_on = {SYS_connect}, .seccomp = false};
    const std::atomic<bool> stop{false};
    EXPECT_THROW(run_engine(options, events, stop), std::runtime_error);
    ASSERT_FALSE(events.new_tasks.empty());
    const int pid = events.new_tasks.front().pid;
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status)) << status;
    EXPECT_EQ(output.lines("signal").at(0).at(1), "1") << output.text();  // the handler ran once
}

TEST(TraceEngineDetach, AnIdleTraceeIsLetGoToo) {
    // A process that makes no call while traced gives no stop: only the engine's own
    // periodic check can see the flag before the process ends by itself.
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        execl("/bin/sleep", "sleep", "5", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(100ms);
    RecordingEvents events;
    DelayedStop stop(200ms);
    const auto outcome = run_engine({.attach_pids = {pid}, .stop_on = {SYS_socket}}, events, stop.flag);
    const std::string tracer = proc_status_field(pid, "TracerPid");
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(outcome->detached, std::vector<int>{pid});  // still alive when let go
    EXPECT_EQ(tracer, "0");
}

// Tells a pipe the pid of the launched command, for a test that kills the tracer.
class AnnouncingEvents : public EngineEvents {
public:
    explicit AnnouncingEvents(int pipe) : pipe_(pipe) {}
    bool on_entry(const SyscallEntry&, TraceeMemory&) override { return false; }
    void on_exit(const SyscallEntry&, const SyscallExit&, TraceeMemory&) override {}
    void on_new_task(int pid, int, int) override {
        if (write(pipe_, &pid, sizeof pid) != sizeof pid) _exit(3);
    }

private:
    int pipe_;
};

TEST(TraceEngineDetach, ALaunchedCommandDiesWithAKilledTracer) {
    // Under its seccomp filter the command could not run without a tracer (its filtered
    // calls would fail with ENOSYS): PTRACE_O_EXITKILL ends it with the tracer instead.
    // As subreaper this test process inherits the orphaned command and sees how it ended.
    ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
    int announce[2];
    ASSERT_EQ(pipe(announce), 0);
    OutputFile output;
    const pid_t tracer = fork();
    ASSERT_GE(tracer, 0);
    if (tracer == 0) {
        close(announce[0]);
        AnnouncingEvents events(announce[1]);
        const std::atomic<bool> stop{false};
        run_engine({.command = {program("engine_busy"), output.path(), "5"}, .stop_on = {SYS_socket}}, events, stop);
        _exit(0);
    }
    close(announce[1]);
    int command = 0;
    const bool announced = read(announce[0], &command, sizeof command) == sizeof command;
    close(announce[0]);
    std::this_thread::sleep_for(100ms);
    kill(tracer, SIGKILL);
    waitpid(tracer, nullptr, 0);
    int status = 0;
    const pid_t reaped = announced ? waitpid(command, &status, 0) : -1;
    prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
    ASSERT_TRUE(announced);
    ASSERT_EQ(reaped, command);
    EXPECT_TRUE(WIFSIGNALED(status)) << status;
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    EXPECT_TRUE(output.lines("done").empty());  // it never got to finish
}

TEST(TraceEngineDetach, AttachingToNoProcessIsAnError) {
    RecordingEvents events;
    const std::atomic<bool> stop{false};
    // A pid past the kernel's pid_max cannot exist.
    const auto outcome = run_engine({.attach_pids = {1 << 30}}, events, stop);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find(std::to_string(1 << 30)), std::string::npos) << outcome.error().message;
}

}  // namespace
}  // namespace netlens::trace
