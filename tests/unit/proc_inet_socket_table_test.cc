#include "proc/inet_socket_table.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include "sockets/diag/raw_proc_fallback.h"

namespace netlens::proc {
namespace {

constexpr const char* kRaw =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
    "   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1172767 2 0000000000000000 0\n"
    "  17: 0100007F:0011 0100007F:0000 01 00000100:00000200 00:00000000 00000000  1000        0 1172769 2 0000000000000000 0\n";

TEST(ProcInetSocketTable, ParsesRawLines) {
    const auto table = parse_inet_socket_table(kRaw, AF_INET);
    EXPECT_FALSE(table.first_bad_line);
    ASSERT_EQ(table.sockets.size(), 2u);
    EXPECT_EQ(table.sockets[0].local.to_string(), "0.0.0.0");
    EXPECT_EQ(table.sockets[0].local_port, 1);  // ICMP
    EXPECT_EQ(table.sockets[0].state, 7);
    EXPECT_EQ(table.sockets[0].inode, 1172767u);
    const auto& connected = table.sockets[1];
    EXPECT_EQ(connected.local.to_string(), "127.0.0.1");
    EXPECT_EQ(connected.remote.to_string(), "127.0.0.1");
    EXPECT_EQ(connected.local_port, 17);
    EXPECT_EQ(connected.state, 1);
    EXPECT_EQ(connected.tx_queue, 0x100u);
    EXPECT_EQ(connected.rx_queue, 0x200u);
    EXPECT_EQ(connected.uid, 1000u);

    const auto socket = sockets::raw_socket_from_proc(connected);
    EXPECT_EQ(socket.protocol, sockets::Protocol::raw);
    EXPECT_EQ(socket.state, sockets::TcpState::established);
    EXPECT_EQ(socket.send_q, 0x100u);
    EXPECT_EQ(socket.recv_q, 0x200u);
}

TEST(ProcInetSocketTable, ParsesRaw6Lines) {
    const auto table = parse_inet_socket_table(
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
        "  58: 000080FE000000000000000001000000:003A 00000000000000000000000001000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99 2 0000000000000000 0\n",
        AF_INET6);
    ASSERT_EQ(table.sockets.size(), 1u);
    EXPECT_EQ(table.sockets[0].local.to_string(), "fe80::1");
    EXPECT_EQ(table.sockets[0].remote.to_string(), "::1");
    EXPECT_EQ(table.sockets[0].local_port, 58);
}

TEST(ProcInetSocketTable, BadLinesAreCountedAndTheRestKept) {
    const auto table = parse_inet_socket_table(
        std::string(kRaw) +
            "   2: 0000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5 2 0 0\n"
            "   3: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     x        0 5 2 0 0\n"
            "   4: 00000000:0001\n",
        AF_INET);
    EXPECT_EQ(table.sockets.size(), 2u);
    EXPECT_EQ(table.bad_lines, 3u);
    EXPECT_EQ(table.first_bad_line, 4u);
    // An IPv6 table read as IPv4 does not parse either.
    EXPECT_EQ(parse_inet_socket_table(kRaw, AF_INET6).bad_lines, 2u);
}

}  // namespace
}  // namespace netlens::proc
