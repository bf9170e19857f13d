// ss's words for a socket's extras, checked against what iproute2 6.1's ss prints for
// the same values (print_ms_timer, tcp_timer_print, print_skmeminfo, sprint_bw,
// tcp_stats_print), and on sockets decoded from a recorded sock_diag dump.
#include "sockets/present/socket_extras_text.h"

#include <gtest/gtest.h>
#include <netdb.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "sockets/diag/diag_decode.h"
#include "sock_diag_recording.h"
#include "sockets/present/endpoint_names.h"
#include "sockets/present/tcp_info_text.h"

namespace netlens::sockets {
namespace {

TEST(SocketText, CountdownRoundsAsSsDoes) {
    EXPECT_EQ(countdown_text(0), "");
    EXPECT_EQ(countdown_text(999), "999ms");
    EXPECT_EQ(countdown_text(5500), "5.500ms");
    EXPECT_EQ(countdown_text(5000), "5sec");
    EXPECT_EQ(countdown_text(59999), "59sec");  // ten seconds and up drop the milliseconds
    EXPECT_EQ(countdown_text(60500), "1min");   // minutes drop the milliseconds
    EXPECT_EQ(countdown_text(65000), "1min5sec");
    EXPECT_EQ(countdown_text(7140000), "119min");
    EXPECT_EQ(countdown_text(660000 + 5000), "11min");  // ten minutes and up drop the seconds
}

TEST(SocketText, TimerNames) {
    EXPECT_EQ(timer_text(0, 1000, 0), "");
    EXPECT_EQ(timer_text(1, 200, 2), "timer:(on,200ms,2)");
    EXPECT_EQ(timer_text(2, 7140000, 0), "timer:(keepalive,119min,0)");
    EXPECT_EQ(timer_text(3, 59000, 0), "timer:(timewait,59sec,0)");
    EXPECT_EQ(timer_text(4, 1500, 1), "timer:(persist,1.500ms,1)");
    EXPECT_EQ(timer_text(9, 1, 0), "timer:(unknown,001ms,0)");  // ss pads milliseconds to three digits
}

TEST(SocketText, MemoryPrintsWhatTheKernelSent) {
    SocketMemory memory{.fields = 9, .rmem_alloc = 1, .rcvbuf = 2, .wmem_alloc = 3, .sndbuf = 4, .fwd_alloc = 5,
                        .wmem_queued = 6, .optmem = 7, .backlog = 8, .drops = 9};
    EXPECT_EQ(memory_text(memory), "skmem:(r1,rb2,t3,tb4,f5,w6,o7,bl8,d9)");
    memory.fields = 7;  // an older kernel: no backlog, no drops
    EXPECT_EQ(memory_text(memory), "skmem:(r1,rb2,t3,tb4,f5,w6,o7)");
}

TEST(SocketText, UsersLastFoundFirst) {
    const std::vector<ProcessRef> holders{{.pid = 412, .fd = 6, .command = "nginx"}, {.pid = 413, .fd = 7, .command = "nginx"}};
    EXPECT_EQ(users_text(holders), R"( users:(("nginx",pid=413,fd=7),("nginx",pid=412,fd=6)))");
    EXPECT_EQ(users_text({}), "");
}

TEST(SocketText, Rates) {
    EXPECT_EQ(rate_text(1234567, false), "1.23M");
    EXPECT_EQ(rate_text(999, false), "999");
    EXPECT_EQ(rate_text(2500, false), "2.5k");
    EXPECT_EQ(rate_text(3.2e9, false), "3.2G");
    EXPECT_EQ(rate_text(1234567, true), "1234567");
}

TEST(SocketText, TcpInfoInventsNoZeros) {
    TcpInfo info;
    info.reordering = 3;  // the default, which ss leaves out
    std::string text;
    append_tcp_info_text(text, info, TcpState::listen, {});
    EXPECT_EQ(text, "");
    info.congestion = "cubic";
    info.rto_us = 204000;
    info.rtt_us = 50;
    info.rttvar_us = 25;
    info.snd_mss = 1000;
    info.snd_cwnd = 10;
    info.snd_ssthresh = 0x7fffffff;  // slow start: not shown
    info.sacked = 5;                 // a listener's backlog: not shown
    info.options = 0x1 | 0x2;        // timestamps, sack: only with -o/-e
    append_tcp_info_text(text, info, TcpState::listen, {});
    EXPECT_EQ(text, " cubic rto:204 rtt:0.05/0.025 mss:1000 cwnd:10 send 1.6Gbps");
    text.clear();
    append_tcp_info_text(text, info, TcpState::established, {.tcp_options = true, .numeric = true});
    EXPECT_EQ(text, " ts sack cubic rto:204 rtt:0.05/0.025 mss:1000 cwnd:10 send 1600000000bps sacked:5");
}

using test_support::decode_recording;

TEST(SocketText, RecordedSockets) {
    const auto decoded = decode_recording("tcp4", Protocol::tcp);
    CgroupPaths cgroups;
    const ExtrasOptions all{.timers = true, .extended = true, .memory = true, .tcp_info = true};
    bool saw_timewait = false, saw_listener = false;
    for (const auto& socket : decoded.sockets) {
        const std::string row = row_extras_text(socket, all, cgroups);
        std::string detail;
        EXPECT_TRUE(detail_text(socket, all, detail));  // TCP with -m/-i always gets the line
        if (socket.state == TcpState::time_wait) {
            saw_timewait = true;
            EXPECT_EQ(row.rfind(" timer:(timewait,", 0), 0u) << row;
            EXPECT_EQ(row.find(" uid:"), std::string::npos) << row;  // uid 0 is not printed
            EXPECT_EQ(detail, "");  // no memory, no tcp_info for a TIME-WAIT socket
        }
        if (socket.state == TcpState::listen) {
            saw_listener = true;
            EXPECT_NE(row.find(" ino:" + std::to_string(socket.inode)), std::string::npos) << row;
            EXPECT_NE(detail.find(" skmem:(r0,"), std::string::npos) << detail;
            EXPECT_EQ(detail.find("bytes_acked"), std::string::npos) << detail;  // nothing acked yet
            EXPECT_EQ(detail.find("sacked"), std::string::npos) << detail;
        }
    }
    EXPECT_TRUE(saw_timewait);
    EXPECT_TRUE(saw_listener);
}

TEST(EndpointNames, PortsAsSsNamesThem) {
    EndpointNames numeric({.services = false}, proc::PortRange{32768, 60999});
    EXPECT_EQ(numeric.port(Protocol::tcp, 22), "22");
    EXPECT_EQ(numeric.port(Protocol::tcp, 0), "*");
    EndpointNames names({.services = true}, proc::PortRange{32768, 60999});
    EXPECT_EQ(names.port(Protocol::tcp, 40000), "40000");  // ephemeral: never looked up
    EXPECT_EQ(names.port(Protocol::udp, 0), "*");
    if (getservbyport(htons(22), "tcp") == nullptr) GTEST_SKIP() << "/etc/services has no ssh";
    EXPECT_EQ(names.port(Protocol::tcp, 22), "ssh");
    EXPECT_EQ(names.port(Protocol::udp, 53), "domain");
    EXPECT_FALSE(names.host(IpAddress{}).has_value());  // -r off: no lookups
}

}  // namespace
}  // namespace netlens::sockets
