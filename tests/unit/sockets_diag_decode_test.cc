// sock_diag replies recorded from a real kernel (fuzz/corpus/sock_diag, made by
// fuzz/record_sock_diag.cc in a namespace holding a listener, a connection with unsent
// data, a TIME-WAIT, a connected UDP socket and UNIX sockets) decode into what ss shows.
#include "sockets/diag/diag_decode.h"
#include "sock_diag_recording.h"

#include <gtest/gtest.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sockets/present/endpoint_text.h"

namespace netlens::sockets {
namespace {

using test_support::decode_recording;

const Socket* find(const DecodedSockets& decoded, TcpState state, const std::string& local) {
    for (const auto& s : decoded.sockets) {
        if (s.state == state && local_text(s, nullptr) == local) return &s;
    }
    return nullptr;
}

TEST(SockDiagDecode, TcpOverIpv4) {
    const auto decoded = decode_recording("tcp4", Protocol::tcp);
    const Socket* listener = find(decoded, TcpState::listen, "127.0.0.1:5000");
    ASSERT_NE(listener, nullptr);
    EXPECT_EQ(listener->send_q, 8u);  // the listen() backlog
    EXPECT_EQ(peer_text(*listener), "0.0.0.0:*");
    EXPECT_NE(listener->inode, 0u);
    EXPECT_TRUE(std::any_of(decoded.sockets.begin(), decoded.sockets.end(),
                            [](const Socket& s) { return s.state == TcpState::time_wait; }));
    const auto established = std::count_if(decoded.sockets.begin(), decoded.sockets.end(),
                                           [](const Socket& s) { return s.state == TcpState::established; });
    EXPECT_EQ(established, 2);  // both ends of the open connection
    for (const auto& s : decoded.sockets) {
        if (s.state != TcpState::established) continue;
        ASSERT_NE(s.tcp_info, nullptr);
        EXPECT_FALSE(s.tcp_info->congestion.empty());
        EXPECT_GT(s.tcp_info->snd_mss, 0u);
        ASSERT_NE(s.memory, nullptr);
        EXPECT_GT(s.memory->rcvbuf, 0u);
    }
}

TEST(SockDiagDecode, TcpOverIpv6) {
    const auto decoded = decode_recording("tcp6", Protocol::tcp);
    ASSERT_NE(find(decoded, TcpState::listen, "[::1]:5001"), nullptr);
    for (const auto& s : decoded.sockets) EXPECT_EQ(s.local.address.family, AF_INET6);
}

TEST(SockDiagDecode, ConnectedUdp) {
    const auto decoded = decode_recording("udp4", Protocol::udp);
    ASSERT_EQ(decoded.sockets.size(), 1u);
    const Socket& udp = decoded.sockets[0];
    EXPECT_EQ(udp.protocol, Protocol::udp);
    EXPECT_EQ(udp.state, TcpState::established);
    EXPECT_EQ(local_text(udp, nullptr), "127.0.0.1:5353");
    EXPECT_EQ(peer_text(udp), "127.0.0.1:53");
}

TEST(SockDiagDecode, UnixNamesPeersAndQueues) {
    const auto decoded = decode_recording("unix", Protocol::tcp);
    const auto abstract = std::find_if(decoded.sockets.begin(), decoded.sockets.end(),
                                       [](const Socket& s) { return s.local.path == "@abstract-seed"; });
    ASSERT_NE(abstract, decoded.sockets.end());
    EXPECT_EQ(abstract->state, TcpState::listen);
    EXPECT_EQ(abstract->protocol, Protocol::unix_stream);
    EXPECT_EQ(abstract->send_q, 1u);  // backlog
    // The socketpair's ends name each other as peers.
    size_t paired = 0;
    for (const auto& a : decoded.sockets) {
        for (const auto& b : decoded.sockets) paired += a.peer_inode == b.inode && b.peer_inode == a.inode;
    }
    EXPECT_EQ(paired, 2u);
}

TEST(SockDiagDecode, TruncatedAndShortMessagesAreCountedNotCrashing) {
    std::vector<uint32_t> words(8, 0);
    auto* header = reinterpret_cast<nlmsghdr*>(words.data());
    header->nlmsg_len = 20;  // a SOCK_DIAG_BY_FAMILY reply too short for inet_diag_msg
    header->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    reinterpret_cast<uint8_t*>(words.data())[16] = AF_INET;
    const auto decoded = decode_diag_messages({reinterpret_cast<const uint8_t*>(words.data()), 32}, Protocol::tcp);
    EXPECT_TRUE(decoded.sockets.empty());
    EXPECT_EQ(decoded.undecodable, 1u);
}

// INET_DIAG_SOCKOPT: the recorded listener has is_icsk; the hand-made seeds of
// fuzz/sock_diag_edge_seeds.py carry every flag, and a too short attribute, which ss
// ignores, is left out.
TEST(SockDiagDecode, InetSockoptFlags) {
    const auto recorded = decode_recording("tcp4", Protocol::tcp);
    const Socket* listener = find(recorded, TcpState::listen, "127.0.0.1:5000");
    ASSERT_NE(listener, nullptr);
    ASSERT_TRUE(listener->inet_sockopt);
    EXPECT_EQ(*listener->inet_sockopt & 0x2, 0x2);  // is_icsk: a TCP socket
    const auto every = decode_recording("edge_sockopt_every_flag", Protocol::tcp);
    ASSERT_EQ(every.sockets.size(), 1u);
    EXPECT_EQ(every.sockets[0].inet_sockopt, 0x7FF);
    const auto short_one = decode_recording("edge_sockopt_short", Protocol::tcp);
    ASSERT_EQ(short_one.sockets.size(), 1u);
    EXPECT_FALSE(short_one.sockets[0].inet_sockopt);
    const auto longer = decode_recording("edge_sockopt_long", Protocol::tcp);
    ASSERT_EQ(longer.sockets.size(), 1u);
    EXPECT_EQ(longer.sockets[0].inet_sockopt, 0x0112);
}

}  // namespace
}  // namespace netlens::sockets
