// -c from known inputs. The text tables are the ones strace 6.1 printed: durations here
// are chosen so that strace's own arithmetic (percent of total, seconds rounded to the
// microsecond, usecs/call truncated) gives the numbers it printed for
// `strace -f -c -w -e trace=connect,socket ./thr` (three threads, each socket() and a
// refused connect()) and `strace -f -c -e trace=socket,connect,exit_group ./thr`.
#include "trace/summary/call_summary.h"

#include <gtest/gtest.h>

#include "trace/summary/summary_json.h"
#include "trace/summary/summary_text.h"

namespace netlens::trace {
namespace {

CallRecord finished(long number, const std::string& name, uint64_t duration_ns, int64_t value, bool failed = false) {
    CallRecord record;
    record.entry.number = number;
    record.entry.monotonic_entered_ns = 1'000'000;
    record.name = name;
    record.exit = SyscallExit{.value = value, .failed = failed, .monotonic_exited_ns = 1'000'000 + duration_ns};
    return record;
}

TEST(CallSummary, StraceTableWithTimes) {
    CallSummary summary;
    for (uint64_t ns : {47'000, 47'000, 48'990}) summary.add(finished(42, "connect", ns, -111, true));
    for (uint64_t ns : {42'000, 42'000, 42'950}) summary.add(finished(41, "socket", ns, 3));
    EXPECT_EQ(syscall_summary_text(summary),
              "% time     seconds  usecs/call     calls    errors syscall\n"
              "------ ----------- ----------- --------- --------- ----------------\n"
              " 52.97    0.000143          47         3         3 connect\n"
              " 47.03    0.000127          42         3           socket\n"
              "------ ----------- ----------- --------- --------- ----------------\n"
              "100.00    0.000270          44         6         3 total\n");
}

// Equal times sort by syscall number; calls that never returned are not counted.
TEST(CallSummary, TiesBySyscallNumberAndUnfinishedLeftOut) {
    CallSummary summary;
    for (int i = 0; i < 3; ++i) summary.add(finished(42, "connect", 0, -111, true));
    for (int i = 0; i < 3; ++i) summary.add(finished(41, "socket", 0, 3));
    CallRecord exit_group;
    exit_group.entry.number = 231;
    exit_group.name = "exit_group";
    summary.add(exit_group);
    EXPECT_EQ(syscall_summary_text(summary),
              "% time     seconds  usecs/call     calls    errors syscall\n"
              "------ ----------- ----------- --------- --------- ----------------\n"
              "  0.00    0.000000           0         3           socket\n"
              "  0.00    0.000000           0         3         3 connect\n"
              "------ ----------- ----------- --------- --------- ----------------\n"
              "100.00    0.000000           0         6         3 total\n");
}

// `strace -c nproc`: the longest name, sched_getaffinity (17), widens the rule to 18.
TEST(CallSummary, LongNamesWidenTheRule) {
    CallSummary summary;
    summary.add(finished(204, "sched_getaffinity", 0, 8));
    const std::string text = syscall_summary_text(summary);
    EXPECT_NE(text.find("------ ----------- ----------- --------- --------- ------------------\n"), std::string::npos);
}

TEST(CallSummary, SortByCalls) {
    CallSummary summary;
    summary.add(finished(41, "socket", 500, 3));
    summary.add(finished(3, "close", 1, 0));
    summary.add(finished(3, "close", 1, 0));
    const auto rows = summary.syscalls(SummarySort::calls);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].name, "close");
    EXPECT_EQ(summary.syscalls(SummarySort::time)[0].name, "socket");
}

TEST(CallSummary, ByPeer) {
    SocketIdentity web{.inode = 1, .protocol = "TCP", .local = "127.0.0.1:40001", .peer = "127.0.0.1:8080"};
    SocketIdentity dns{.inode = 2, .protocol = "UDP", .local = "127.0.0.1:40002", .peer = "127.0.0.53:53"};
    SocketIdentity unconnected{.inode = 3, .protocol = "UDP", .local = "0.0.0.0:5000"};
    CallSummary summary;
    auto on = [](CallRecord record, const SocketIdentity& socket) {
        record.socket = socket;
        return record;
    };
    summary.add(on(finished(1, "write", 2'000, 100), web));
    summary.add(on(finished(44, "sendto", 1'000, 20), web));
    summary.add(on(finished(0, "read", 5'000, 300), web));
    summary.add(on(finished(0, "read", 1'000, -11, true), web));
    summary.add(on(finished(45, "recvfrom", 500, 60), dns));
    summary.add(on(finished(44, "sendto", 500, 30), unconnected));

    const auto peers = summary.peers();
    ASSERT_EQ(peers.size(), 2U);
    EXPECT_EQ(peers[0].peer, "127.0.0.1:8080");
    EXPECT_EQ(peers[0].calls, 4U);
    EXPECT_EQ(peers[0].errors, 1U);
    EXPECT_EQ(peers[0].bytes_sent, 120U);
    EXPECT_EQ(peers[0].bytes_received, 300U);
    EXPECT_EQ(peers[0].blocked_ns, 9'000U);
    EXPECT_EQ(peers[1].protocol, "UDP");
    EXPECT_EQ(peers[1].bytes_received, 60U);

    const Json json = summary_json(summary);
    EXPECT_EQ(json["peers"][0]["blocked_us"], 9.0);
    EXPECT_EQ(json["peers"][0]["bytes_sent"], 120);
    EXPECT_EQ(json["syscalls"].size(), 4U);  // write, sendto, read, recvfrom

    const std::string text = peer_summary_text(summary);
    EXPECT_NE(text.find("127.0.0.1:8080"), std::string::npos);
    EXPECT_EQ(peer_summary_text(CallSummary{}), "");
}

}  // namespace
}  // namespace netlens::trace

namespace netlens::trace {
namespace {

// An unconnected UDP socket has no peer of its own: each sendto/recvfrom counts for the
// address it names; a connected socket's own peer wins over any named one.
TEST(CallSummary, CallsOnUnconnectedSocketsCountForTheirNamedPeer) {
    CallSummary summary;
    CallRecord sent = finished(44, "sendto", 1000, 4);
    sent.socket = SocketIdentity{.inode = 7, .protocol = "UDP", .local = "127.0.0.1:5000"};
    summary.add(sent, "127.0.0.1:53");
    summary.add(sent, "127.0.0.1:53");
    summary.add(sent, "");  // nothing named: not counted by peer
    CallRecord connected = sent;
    connected.socket->peer = "10.0.0.1:53";
    summary.add(connected, "127.0.0.1:53");
    const auto peers = summary.peers();
    ASSERT_EQ(peers.size(), 2u);
    size_t named = 0, own = 0;
    for (const auto& row : peers) {
        if (row.peer == "127.0.0.1:53") named = row.calls;
        if (row.peer == "10.0.0.1:53") own = row.calls;
    }
    EXPECT_EQ(named, 2u);
    EXPECT_EQ(own, 1u);
    EXPECT_EQ(summary.syscalls(SummarySort::time).front().calls, 4u);
}

}  // namespace
}  // namespace netlens::trace
