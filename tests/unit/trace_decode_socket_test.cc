// Socket calls decoded from raw registers and fake tracee memory, compared with the lines
// strace 6.1 printed for the same calls of tests/programs/decode_calls.c
// (`strace -f -e trace=%network,%desc ./decode_calls`).
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstddef>
#include <cstring>

#include <gtest/gtest.h>

#include "trace_decode_test_support.h"

namespace netlens::trace {
namespace {

using testing::FakeTraceeMemory;
using testing::decode_line;
using testing::make_call;

sockaddr_in inet(const char* address, uint16_t port) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port);
    inet_pton(AF_INET, address, &in.sin_addr);
    return in;
}

TEST(TraceDecodeSocket, SocketWithFlagsAndProtocol) {
    FakeTraceeMemory memory;
    auto call = make_call("socket", {AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP});
    EXPECT_EQ(decode_line(call, 3, memory), "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3");
    auto netlink = make_call("socket", {AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE});
    EXPECT_EQ(decode_line(netlink, 3, memory), "socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3");
    auto packet = make_call("socket", {AF_PACKET, SOCK_DGRAM, htons(0x0800)});
    EXPECT_EQ(decode_line(packet, 3, memory), "socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)) = 3");
    auto unix_socket = make_call("socket", {AF_UNIX, SOCK_DGRAM, 0});
    EXPECT_EQ(decode_line(unix_socket, 3, memory), "socket(AF_UNIX, SOCK_DGRAM, 0) = 3");
    auto unknown = make_call("socket", {AF_INET6 + 100, 77, 0});
    EXPECT_EQ(decode_line(unknown, -EINVAL, memory),
              "socket(0x6e /* AF_??? */, 0x4d /* SOCK_??? */, 0) = -1 EINVAL (Invalid argument)");
}

TEST(TraceDecodeSocket, RefusedConnectAndBadAddress) {
    FakeTraceeMemory memory;
    const uint64_t address = memory.put_object(0x1000, inet("127.0.0.1", 9));
    auto call = make_call("connect", {3, address, sizeof(sockaddr_in)});
    EXPECT_EQ(decode_line(call, -ECONNREFUSED, memory),
              "connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = "
              "-1 ECONNREFUSED (Connection refused)");
    auto bad = make_call("connect", {3, 0x10, 16});
    EXPECT_EQ(decode_line(bad, -EFAULT, memory), "connect(3, 0x10, 16) = -1 EFAULT (Bad address)");
}

TEST(TraceDecodeSocket, AddressJsonIsTyped) {
    FakeTraceeMemory memory;
    const uint64_t address = memory.put_object(0x1000, inet("127.0.0.1", 9));
    auto call = make_call("connect", {3, address, sizeof(sockaddr_in)});
    decode_line(call, 0, memory);
    const Json json = value_json(call.args[1]);
    EXPECT_EQ(json["sa_family"], "AF_INET");
    EXPECT_EQ(json["sin_port"], 9);
    EXPECT_EQ(json["sin_addr"], "127.0.0.1");
}

TEST(TraceDecodeSocket, Accept4ShowsBothLengths) {
    FakeTraceeMemory memory;
    const uint32_t before = 128;
    memory.put_object(0x2000, before);
    auto call = make_call("accept4", {3, 0x1000, 0x2000, SOCK_CLOEXEC});
    decode_entry(call, memory, {});
    memory.put_object(0x1000, inet("127.0.0.1", 47106));
    const uint32_t after = 16;
    memory.put_object(0x2000, after);
    testing::set_return(call, 5);
    decode_call(call, memory, {}, {});
    EXPECT_EQ(testing::line_of(call),
              "accept4(3, {sa_family=AF_INET, sin_port=htons(47106), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], "
              "SOCK_CLOEXEC) = 5");
}

TEST(TraceDecodeSocket, FailedAcceptShowsTheAddressAndTheGivenLength) {
    // tests/programs/decode_so_error.c under strace:
    // accept4(4, 0x7ffd15fb7f60, [128], 0)    = -1 EAGAIN (Resource temporarily unavailable)
    FakeTraceeMemory memory;
    const uint32_t length = 128;
    memory.put_object(0x2000, length);
    auto call = make_call("accept4", {4, 0x7ffd15fb7f60, 0x2000, 0});
    EXPECT_EQ(decode_line(call, -EAGAIN, memory),
              "accept4(4, 0x7ffd15fb7f60, [128], 0) = -1 EAGAIN (Resource temporarily unavailable)");
}

TEST(TraceDecodeSocket, GetsocknameWithUnchangedLength) {
    FakeTraceeMemory memory;
    memory.put_object(0x1000, inet("127.0.0.1", 37761));
    const uint32_t length = 16;
    memory.put_object(0x2000, length);
    auto call = make_call("getsockname", {3, 0x1000, 0x2000});
    EXPECT_EQ(decode_line(call, 0, memory),
              "getsockname(3, {sa_family=AF_INET, sin_port=htons(37761), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");
}

TEST(TraceDecodeSocket, FdTextDecoratesFdsAndResults) {
    FakeTraceeMemory memory;
    const FdText fd_text = [](int pid, int64_t fd) {
        return std::to_string(fd) + "<TCP:[" + std::to_string(pid) + "]>";
    };
    auto call = make_call("socket", {AF_INET, SOCK_STREAM, IPPROTO_TCP});
    EXPECT_EQ(decode_line(call, 4, memory, {}, fd_text), "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4<TCP:[100]>");
    EXPECT_EQ(value_json(call.result), 4);
    auto listen = make_call("listen", {4, 5});
    EXPECT_EQ(decode_line(listen, 0, memory, {}, fd_text), "listen(4<TCP:[100]>, 5) = 0");
}

TEST(TraceDecodeSocket, SocketOptions) {
    FakeTraceeMemory memory;
    const int one = 1;
    memory.put_object(0x1000, one);
    auto reuse = make_call("setsockopt", {3, SOL_SOCKET, SO_REUSEADDR, 0x1000, 4});
    EXPECT_EQ(decode_line(reuse, 0, memory), "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
    auto nodelay = make_call("setsockopt", {4, IPPROTO_TCP, 1, 0x1000, 4});
    EXPECT_EQ(decode_line(nodelay, 0, memory), "setsockopt(4, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
    const linger lg{1, 5};
    memory.put_object(0x3000, lg);
    auto linger_call = make_call("setsockopt", {4, SOL_SOCKET, SO_LINGER, 0x3000, 8});
    EXPECT_EQ(decode_line(linger_call, 0, memory), "setsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
    const int64_t timeval_bytes[2] = {2, 500};
    memory.put_object(0x4000, timeval_bytes);
    auto timeout = make_call("setsockopt", {5, SOL_SOCKET, 20, 0x4000, 16});
    EXPECT_EQ(decode_line(timeout, 0, memory),
              "setsockopt(5, SOL_SOCKET, SO_RCVTIMEO_OLD, \"\\2\\0\\0\\0\\0\\0\\0\\0\\364\\1\\0\\0\\0\\0\\0\\0\", 16) = 0");

    const int zero = 0;
    const uint32_t four = 4;
    memory.put_object(0x5000, zero);
    memory.put_object(0x6000, four);
    auto error = make_call("getsockopt", {3, SOL_SOCKET, SO_ERROR, 0x5000, 0x6000});
    EXPECT_EQ(decode_line(error, 0, memory), "getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
    // tests/programs/decode_so_error.c under strace:
    // getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0
    const int refused = ECONNREFUSED;
    memory.put_object(0x5000, refused);
    auto refused_call = make_call("getsockopt", {3, SOL_SOCKET, SO_ERROR, 0x5000, 0x6000});
    decode_line(refused_call, 0, memory);
    EXPECT_EQ(testing::line_of(refused_call), "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
    EXPECT_EQ(value_json(refused_call.args[3]), "ECONNREFUSED");
}

TEST(TraceDecodeSocket, UnixAbstractAndPath) {
    FakeTraceeMemory memory;
    sockaddr_un abstract{};
    abstract.sun_family = AF_UNIX;
    std::memcpy(abstract.sun_path, "\0netlens-test", 13);
    memory.put_object(0x1000, abstract);
    auto bind = make_call("bind", {3, 0x1000, offsetof(sockaddr_un, sun_path) + 13});
    EXPECT_EQ(decode_line(bind, 0, memory), "bind(3, {sa_family=AF_UNIX, sun_path=@\"netlens-test\"}, 15) = 0");
    sockaddr_un path{};
    path.sun_family = AF_UNIX;
    std::strcpy(path.sun_path, "/run/nscd/socket");
    memory.put_object(0x2000, path);
    auto connect = make_call("connect", {3, 0x2000, sizeof path});
    EXPECT_EQ(decode_line(connect, -ENOENT, memory),
              "connect(3, {sa_family=AF_UNIX, sun_path=\"/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)");
}

// -x and -xx reach the quoted parts of an address as strace 6.1 prints them
// (`strace -xx -e trace=bind` on each bind; `strace -x` on the abstract name with \1).
TEST(TraceDecodeSocket, HexOptionsApplyToAddresses) {
    FakeTraceeMemory memory;
    DecodeOptions all;
    all.hex = DecodeOptions::Hex::all;
    const sockaddr_in in = inet("127.0.0.1", 0);
    memory.put_object(0x1000, in);
    auto bind_in = make_call("bind", {3, 0x1000, sizeof in});
    EXPECT_EQ(decode_line(bind_in, 0, memory, all),
              "bind(3, {sa_family=AF_INET, sin_port=htons(0), "
              "sin_addr=inet_addr(\"\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31\")}, 16) = 0");
    EXPECT_EQ(value_json(bind_in.args[1])["sin_addr"], "127.0.0.1");

    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    inet_pton(AF_INET6, "::1", &in6.sin6_addr);
    memory.put_object(0x2000, in6);
    auto bind_in6 = make_call("bind", {3, 0x2000, sizeof in6});
    EXPECT_EQ(decode_line(bind_in6, 0, memory, all),
              "bind(3, {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), "
              "inet_pton(AF_INET6, \"\\x3a\\x3a\\x31\", &sin6_addr), sin6_scope_id=0}, 28) = 0");

    sockaddr_un abstract{};
    abstract.sun_family = AF_UNIX;
    std::memcpy(abstract.sun_path, "\0ab", 3);
    memory.put_object(0x3000, abstract);
    auto bind_un = make_call("bind", {3, 0x3000, offsetof(sockaddr_un, sun_path) + 3});
    EXPECT_EQ(decode_line(bind_un, 0, memory, all), "bind(3, {sa_family=AF_UNIX, sun_path=@\"\\x61\\x62\"}, 5) = 0");

    DecodeOptions non_ascii;
    non_ascii.hex = DecodeOptions::Hex::non_ascii;
    std::memcpy(abstract.sun_path, "\0a\1b", 4);
    memory.put_object(0x4000, abstract);
    auto bind_odd = make_call("bind", {3, 0x4000, offsetof(sockaddr_un, sun_path) + 4});
    EXPECT_EQ(decode_line(bind_odd, 0, memory, non_ascii),
              "bind(3, {sa_family=AF_UNIX, sun_path=@\"\\x61\\x01\\x62\"}, 6) = 0");
    auto bind_plain = make_call("bind", {3, 0x1000, sizeof in});
    EXPECT_EQ(decode_line(bind_plain, 0, memory, non_ascii),
              "bind(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
}

TEST(TraceDecodeSocket, Inet6WithFlowinfoAndScope) {
    FakeTraceeMemory memory;
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(53);
    address.sin6_flowinfo = htonl(5);
    address.sin6_scope_id = 1;  // lo in every namespace
    inet_pton(AF_INET6, "fe80::1", &address.sin6_addr);
    memory.put_object(0x1000, address);
    auto call = make_call("connect", {3, 0x1000, sizeof address});
    EXPECT_EQ(decode_line(call, -ENETUNREACH, memory),
              "connect(3, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(5), inet_pton(AF_INET6, "
              "\"fe80::1\", &sin6_addr), sin6_scope_id=if_nametoindex(\"lo\")}, 28) = -1 ENETUNREACH (Network is unreachable)");
    EXPECT_EQ(value_json(call.args[1])["sin6_addr"], "fe80::1");
    EXPECT_EQ(value_json(call.args[1])["sin6_port"], 53);
}

TEST(TraceDecodeSocket, NetlinkAndPacketAddresses) {
    FakeTraceeMemory memory;
    sockaddr_nl netlink{};
    netlink.nl_family = AF_NETLINK;
    netlink.nl_groups = 0x11;
    memory.put_object(0x1000, netlink);
    auto bind = make_call("bind", {3, 0x1000, sizeof netlink});
    EXPECT_EQ(decode_line(bind, 0, memory), "bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=0x000011}, 12) = 0");
    sockaddr_ll packet{};
    packet.sll_family = AF_PACKET;
    packet.sll_protocol = htons(0x0800);
    packet.sll_ifindex = 1;
    memory.put_object(0x2000, packet);
    auto bind_packet = make_call("bind", {3, 0x2000, sizeof packet});
    EXPECT_EQ(decode_line(bind_packet, 0, memory),
              "bind(3, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=if_nametoindex(\"lo\"), "
              "sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=0}, 20) = 0");
}

TEST(TraceDecodeSocket, SendtoAndRecvfrom) {
    FakeTraceeMemory memory;
    memory.put(0x1000, std::as_bytes(std::span("\x01\x02\x03query\0\xff", 10)));
    memory.put_object(0x2000, inet("127.0.0.1", 47327));
    auto send = make_call("sendto", {4, 0x1000, 10, 0, 0x2000, 16});
    EXPECT_EQ(decode_line(send, 10, memory),
              "sendto(4, \"\\1\\2\\3query\\0\\377\", 10, 0, {sa_family=AF_INET, sin_port=htons(47327), "
              "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 10");
    EXPECT_EQ(send.payload.size(), 10u);

    auto empty = make_call("recvfrom", {5, 0x1000, 4096, MSG_DONTWAIT, 0, 0});
    EXPECT_EQ(decode_line(empty, 0, memory), "recvfrom(5, \"\", 4096, MSG_DONTWAIT, NULL, NULL) = 0");
}

TEST(TraceDecodeSocket, ShutdownAndSocketpair) {
    FakeTraceeMemory memory;
    auto shutdown = make_call("shutdown", {4, SHUT_WR});
    EXPECT_EQ(decode_line(shutdown, 0, memory), "shutdown(4, SHUT_WR) = 0");
    const int pair[2] = {3, 4};
    memory.put_object(0x1000, pair);
    auto socketpair = make_call("socketpair", {AF_UNIX, SOCK_STREAM, 0, 0x1000});
    EXPECT_EQ(decode_line(socketpair, 0, memory), "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0");
}

}  // namespace
}  // namespace netlens::trace
