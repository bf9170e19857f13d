// -f: the engine follows threads, fork, vfork and exec'd children, and reports each call
// under the pid and tid the calling task itself printed. Without -f only the launched
// process is traced.
#include <sys/syscall.h>
#include <sys/wait.h>

#include <set>
#include <utility>

#include "trace/engine/tracer.h"
#include "trace_engine_test_support.h"

namespace netlens::trace {
namespace {

using test_support::OutputFile;
using test_support::program;
using test_support::RecordingEvents;

using Ids = std::set<std::pair<int, int>>;  // (pid, tid)

Ids printed_ids(const OutputFile& output) {
    Ids ids;
    for (const auto& words : output.lines("connect")) ids.insert({std::stoi(words.at(0)), std::stoi(words.at(1))});
    return ids;
}

Ids reported_ids(const RecordingEvents& events) {
    Ids ids;
    for (const auto& call : events.calls_of(SYS_connect)) ids.insert({call.entry.pid, call.entry.tid});
    return ids;
}

void run_family(RecordingEvents& events, const OutputFile& output, bool follow, bool seccomp) {
    EngineOptions options{.command = {program("engine_family"), output.path()},
                          .follow_forks = follow,
                          .stop_on = {SYS_connect},
                          .seccomp = seccomp};
    const std::atomic<bool> stop{false};
    const auto outcome = run_engine(options, events, stop);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_TRUE(outcome->command_status.has_value());
    EXPECT_TRUE(WIFEXITED(*outcome->command_status));
    EXPECT_EQ(WEXITSTATUS(*outcome->command_status), 0) << output.text();
}

TEST(TraceEngineFollow, EveryTaskOfTheFamilyIsTracedUnderItsOwnIds) {
    for (const bool seccomp : {true, false}) {
        SCOPED_TRACE(seccomp ? "seccomp" : "PTRACE_SYSCALL");
        RecordingEvents events;
        OutputFile output;
        run_family(events, output, true, seccomp);
        const Ids printed = printed_ids(output);
        ASSERT_EQ(printed.size(), 4u) << output.text();  // main, thread, fork child, vfork+exec child
        EXPECT_EQ(reported_ids(events), printed);
        for (const auto& call : events.calls_of(SYS_connect)) {
            ASSERT_TRUE(call.exit.has_value());
            EXPECT_EQ(call.exit->value, -ECONNREFUSED);
        }
        // Each task was announced with the task that created it, before its calls.
        const int main_pid = events.new_tasks.at(0).pid;
        std::set<int> announced;
        for (const auto& task : events.new_tasks) {
            announced.insert(task.tid);
            if (task.tid != main_pid) {
                EXPECT_EQ(task.parent_tid, main_pid);
            }
        }
        for (const auto& [pid, tid] : printed) EXPECT_TRUE(announced.contains(tid)) << tid;
        for (const auto& task : events.new_tasks) EXPECT_TRUE(events.exits.contains(task.tid)) << task.tid;
    }
}

TEST(TraceEngineFollow, WithoutFollowOnlyTheLaunchedProcessIsTraced) {
    RecordingEvents events;
    OutputFile output;
    run_family(events, output, false, true);
    const Ids printed = printed_ids(output);
    ASSERT_EQ(printed.size(), 4u) << output.text();
    const int main_pid = events.new_tasks.at(0).pid;
    EXPECT_EQ(events.new_tasks.size(), 1u);
    EXPECT_EQ(reported_ids(events), (Ids{{main_pid, main_pid}}));
    EXPECT_TRUE(printed.contains({main_pid, main_pid}));
}

TEST(TraceEngineFollow, AThreadsExecTakesTheLeadersTid) {
    for (const bool seccomp : {true, false}) {
        SCOPED_TRACE(seccomp ? "seccomp" : "PTRACE_SYSCALL");
        RecordingEvents events;
        OutputFile output;
        EngineOptions options{.command = {program("engine_family"), output.path(), "thread-exec"},
                              .follow_forks = true,
                              .stop_on = {SYS_connect},
                              .seccomp = seccomp};
        const std::atomic<bool> stop{false};
        const auto outcome = run_engine(options, events, stop);
        ASSERT_TRUE(outcome.ok()) << outcome.error().message;
        const auto thread = output.lines("exec-thread");
        ASSERT_EQ(thread.size(), 1u) << output.text();
        const int pid = std::stoi(thread[0].at(0));
        const int thread_tid = std::stoi(thread[0].at(1));
        ASSERT_NE(pid, thread_tid);
        // The launched command's own exec, by its leader, then the thread's.
        ASSERT_EQ(events.execs.size(), 2u);
        EXPECT_EQ(events.execs[0].tid, pid);
        EXPECT_EQ(events.execs[0].parent_tid, pid);
        EXPECT_EQ(events.execs[1].pid, pid);
        EXPECT_EQ(events.execs[1].tid, pid);
        EXPECT_EQ(events.execs[1].parent_tid, thread_tid);  // the former tid
        // The new image runs as the leader: its connect comes from (pid, pid).
        EXPECT_EQ(printed_ids(output), (Ids{{pid, pid}}));
        EXPECT_EQ(reported_ids(events), (Ids{{pid, pid}}));
        ASSERT_TRUE(outcome->command_status.has_value());
        EXPECT_TRUE(WIFEXITED(*outcome->command_status));
        EXPECT_EQ(WEXITSTATUS(*outcome->command_status), 0);
    }
}

}  // namespace
}  // namespace netlens::trace
