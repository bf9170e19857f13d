// The fd resolver on real descriptors of this test process. Each expectation is checked
// against the kernel's answer for the same fd (getsockname/getpeername/fstat, the other
// end of a pair), never against the resolver's own formatting.
#include "trace/sockets/socket_resolver.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "trace_sockets_test_support.h"

namespace netlens::trace {
namespace {

using testing::kernel_endpoint;
using testing::kernel_inode;

TEST(SocketResolver, ConnectedTcpMatchesTheKernelsAddresses) {
    const auto triple = testing::tcp_triple();
    ASSERT_TRUE(triple.server.valid());
    SocketResolver resolver;
    const FdKind client = resolver.resolve(getpid(), triple.client.get());
    ASSERT_TRUE(client.socket);
    EXPECT_EQ(client.socket->protocol, "TCP");
    EXPECT_EQ(client.socket->local, kernel_endpoint(triple.client.get(), false));
    EXPECT_EQ(client.socket->peer, kernel_endpoint(triple.client.get(), true));
    EXPECT_EQ(client.socket->inode, kernel_inode(triple.client.get()));
    EXPECT_EQ(client.socket->netns, "");  // our own namespace

    const FdKind server = resolver.resolve(getpid(), triple.server.get());
    ASSERT_TRUE(server.socket);
    EXPECT_EQ(server.socket->peer, kernel_endpoint(triple.client.get(), false));
    EXPECT_EQ(server.socket->local, kernel_endpoint(triple.client.get(), true));
}

TEST(SocketResolver, ListenerHasNoPeer) {
    const auto triple = testing::tcp_triple(AF_INET6);
    ASSERT_TRUE(triple.listener.valid());
    SocketResolver resolver;
    const FdKind listener = resolver.resolve(getpid(), triple.listener.get());
    ASSERT_TRUE(listener.socket);
    EXPECT_EQ(listener.socket->protocol, "TCPv6");
    EXPECT_EQ(listener.socket->local, kernel_endpoint(triple.listener.get(), false));
    EXPECT_EQ(listener.socket->peer, "");
}

// A connect in progress: getpeername refuses (ENOTCONN), yet strace -yy shows the peer
// (its table lookup finds the socket), and so must we.
TEST(SocketResolver, SynSentShowsItsPeer) {
    const auto sockets = testing::syn_sent();
    ASSERT_TRUE(sockets.waiting.valid());
    tcp_info info{};
    socklen_t length = sizeof(info);
    ASSERT_EQ(getsockopt(sockets.waiting.get(), IPPROTO_TCP, TCP_INFO, &info, &length), 0);
    if (info.tcpi_state != TCP_SYN_SENT) GTEST_SKIP() << "the connect did not stay in SYN-SENT here";
    EXPECT_EQ(kernel_endpoint(sockets.waiting.get(), true), "") << "getpeername answered after all";
    SocketResolver resolver;
    const FdKind kind = resolver.resolve(getpid(), sockets.waiting.get());
    ASSERT_TRUE(kind.socket);
    EXPECT_EQ(kind.socket->local, kernel_endpoint(sockets.waiting.get(), false));
    EXPECT_EQ(kind.socket->peer, kernel_endpoint(sockets.listener.get(), false));
}

// strace -yy shows sockets the kernel's tables do not hold by inode alone:
// `strace -yy -e trace=fsync` on a fresh TCP and UDP socket printed
// fsync(3<TCP:[6835303]>) and fsync(4<UDP:[6837553]>).
TEST(SocketResolver, UnboundSocketsHaveNoAddresses) {
    FileDescriptor tcp(socket(AF_INET, SOCK_STREAM, 0));
    FileDescriptor udp(socket(AF_INET, SOCK_DGRAM, 0));
    SocketResolver resolver;
    const FdKind tcp_kind = resolver.resolve(getpid(), tcp.get());
    const FdKind udp_kind = resolver.resolve(getpid(), udp.get());
    ASSERT_TRUE(tcp_kind.socket && udp_kind.socket);
    EXPECT_EQ(tcp_kind.socket->protocol, "TCP");
    EXPECT_EQ(tcp_kind.socket->local, "");
    EXPECT_EQ(udp_kind.socket->protocol, "UDP");
    EXPECT_EQ(udp_kind.socket->local, "");
    EXPECT_EQ(udp_kind.socket->inode, kernel_inode(udp.get()));

    sockaddr_in any{};
    any.sin_family = AF_INET;
    ASSERT_EQ(bind(udp.get(), reinterpret_cast<sockaddr*>(&any), sizeof(any)), 0);
    const FdKind bound = resolver.resolve(getpid(), udp.get());
    EXPECT_EQ(bound.socket->local, kernel_endpoint(udp.get(), false));
}

TEST(SocketResolver, UnixPairPeersAreEachOthersInodes) {
    int pair[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    FileDescriptor a(pair[0]), b(pair[1]);
    SocketResolver resolver;
    const FdKind kind = resolver.resolve(getpid(), a.get());
    ASSERT_TRUE(kind.socket);
    EXPECT_EQ(kind.socket->protocol, "UNIX-STREAM");
    EXPECT_EQ(kind.socket->inode, kernel_inode(a.get()));
    EXPECT_EQ(kind.socket->peer_inode, kernel_inode(b.get()));
    EXPECT_EQ(kind.socket->local, "");

    int datagrams[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, datagrams), 0);
    FileDescriptor c(datagrams[0]), d(datagrams[1]);
    const FdKind dgram = resolver.resolve(getpid(), d.get());
    EXPECT_EQ(dgram.socket->protocol, "UNIX");
    EXPECT_EQ(dgram.socket->peer_inode, kernel_inode(c.get()));
}

// A listener bound to a path and to an abstract name; the accepted end carries the
// listener's name (as getsockname on it says) and the client as its peer.
TEST(SocketResolver, UnixNamesAndAcceptedPeers) {
    for (const bool abstract : {false, true}) {
        char directory[] = "/tmp/netlens-unix-XXXXXX";
        ASSERT_NE(mkdtemp(directory), nullptr);
        const std::string path = std::string(directory) + "/s.sock";
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        socklen_t length = 0;
        if (abstract) {
            const std::string name = std::string("netlens-test-") + std::to_string(getpid());
            name.copy(address.sun_path + 1, name.size());
            length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
        } else {
            path.copy(address.sun_path, path.size());
            length = sizeof(address);
        }
        FileDescriptor listener(socket(AF_UNIX, SOCK_STREAM, 0));
        ASSERT_EQ(bind(listener.get(), reinterpret_cast<sockaddr*>(&address), length), 0);
        ASSERT_EQ(listen(listener.get(), 1), 0);
        FileDescriptor client(socket(AF_UNIX, SOCK_STREAM, 0));
        ASSERT_EQ(connect(client.get(), reinterpret_cast<sockaddr*>(&address), length), 0);
        FileDescriptor accepted(accept(listener.get(), nullptr, nullptr));

        sockaddr_un named{};
        socklen_t named_length = sizeof(named);
        ASSERT_EQ(getsockname(accepted.get(), reinterpret_cast<sockaddr*>(&named), &named_length), 0);
        std::string expected_name(named.sun_path, named_length - offsetof(sockaddr_un, sun_path));
        if (abstract) {
            expected_name.front() = '@';
        } else {
            expected_name = expected_name.c_str();
        }

        SocketResolver resolver;
        const FdKind kind = resolver.resolve(getpid(), accepted.get());
        ASSERT_TRUE(kind.socket);
        EXPECT_EQ(kind.socket->local, expected_name);
        EXPECT_EQ(kind.socket->peer_inode, kernel_inode(client.get()));
        const FdKind listening = resolver.resolve(getpid(), listener.get());
        EXPECT_EQ(listening.socket->peer_inode, 0U);
        EXPECT_EQ(listening.socket->local, expected_name);
        unlink(path.c_str());
        rmdir(directory);
    }
}

TEST(SocketResolver, BoundNetlinkShowsProtocolAndPortId) {
    FileDescriptor route(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
    sockaddr_nl address{};
    address.nl_family = AF_NETLINK;
    ASSERT_EQ(bind(route.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    socklen_t length = sizeof(address);
    ASSERT_EQ(getsockname(route.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
    SocketResolver resolver;
    const FdKind kind = resolver.resolve(getpid(), route.get());
    ASSERT_TRUE(kind.socket);
    EXPECT_EQ(kind.socket->protocol, "NETLINK");
    EXPECT_EQ(kind.socket->local, "ROUTE:" + std::to_string(address.nl_pid));
}

TEST(SocketResolver, FilesShowTheirPathAndDevices) {
    FileDescriptor hosts(open("/etc/hosts", O_RDONLY));
    FileDescriptor null(open("/dev/null", O_RDONLY));
    struct stat status {};
    ASSERT_EQ(fstat(null.get(), &status), 0);
    SocketResolver resolver;
    const FdKind file = resolver.resolve(getpid(), hosts.get());
    EXPECT_FALSE(file.socket);
    EXPECT_EQ(file.path, "/etc/hosts");
    EXPECT_EQ(resolver.resolve(getpid(), null.get()).path,
              "/dev/null<char " + std::to_string(major(status.st_rdev)) + ":" +
                  std::to_string(minor(status.st_rdev)) + ">");
}

TEST(SocketResolver, ClosedFdIsUnknown) {
    // A high number: the resolver's own pidfd takes the lowest free one.
    const int fd = dup2(FileDescriptor(socket(AF_INET, SOCK_STREAM, 0)).get(), 900);
    ASSERT_EQ(fd, 900);
    close(fd);
    SocketResolver resolver;
    const FdKind kind = resolver.resolve(getpid(), fd);
    EXPECT_FALSE(kind.known());
}

// The duplicate taken to answer must be closed by the time resolve() returns: when the
// client closes its only descriptor, the server must read end-of-file at once.
TEST(SocketResolver, LeavesNoDuplicateOpen) {
    auto triple = testing::tcp_triple();
    ASSERT_TRUE(triple.server.valid());
    SocketResolver resolver;
    ASSERT_TRUE(resolver.resolve(getpid(), triple.client.get()).socket);
    triple.client.reset();
    timeval timeout{2, 0};
    setsockopt(triple.server.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    char byte = 0;
    EXPECT_EQ(read(triple.server.get(), &byte, 1), 0) << "the peer saw no FIN: a duplicate is still open";
}

// A socket made in another network namespace: its namespace is named, and its unix
// peer is still found (the lookup runs inside that namespace). Needs CAP_SYS_ADMIN.
TEST(SocketResolver, SocketInAnotherNamespace) {
    if (geteuid() != 0) GTEST_SKIP() << "creating a network namespace needs root";
    int pair[2] = {-1, -1};
    int tcp = -1;
    uint64_t namespace_inode = 0;
    std::thread maker([&] {
        if (unshare(CLONE_NEWNET) != 0) return;
        struct stat status {};
        if (stat("/proc/thread-self/ns/net", &status) == 0) namespace_inode = status.st_ino;
        socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
        tcp = socket(AF_INET, SOCK_STREAM, 0);
    });
    maker.join();
    ASSERT_NE(namespace_inode, 0U);
    FileDescriptor a(pair[0]), b(pair[1]), inet(tcp);
    SocketResolver resolver;
    const FdKind kind = resolver.resolve(getpid(), a.get());
    ASSERT_TRUE(kind.socket);
    EXPECT_EQ(kind.socket->netns, "net:[" + std::to_string(namespace_inode) + "]");
    EXPECT_EQ(kind.socket->peer_inode, kernel_inode(b.get()));
    EXPECT_EQ(resolver.resolve(getpid(), inet.get()).socket->netns, kind.socket->netns);
}

// The cost of resolving a new connected TCP socket; printed, not asserted.
TEST(SocketResolver, CostPerNewTcpSocket) {
    constexpr int kSockets = 200;
    std::vector<testing::TcpTriple> triples;
    for (int i = 0; i < kSockets; ++i) triples.push_back(testing::tcp_triple());
    SocketResolver resolver;
    resolver.resolve(getpid(), triples.front().client.get());  // opens the pidfd
    const auto start = std::chrono::steady_clock::now();
    for (const auto& triple : triples) ASSERT_TRUE(resolver.resolve(getpid(), triple.client.get()).socket);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double per_socket_us = std::chrono::duration<double, std::micro>(elapsed).count() / kSockets;
    std::printf("resolve of a connected TCP socket: %.2f us\n", per_socket_us);
}

}  // namespace
}  // namespace netlens::trace

namespace netlens::trace {
namespace {

// A socket fresh from socket() is named from its arguments without asking the socket;
// the kernel's SO_PROTOCOL/SO_DOMAIN and fstat say what it must be named.
TEST(SocketResolver, NewSocketsAreNamedAsTheKernelSeesThem) {
    struct Made {
        int family, type, protocol;
        const char* name;
    };
    for (const Made made : {Made{AF_INET, SOCK_STREAM, 0, "TCP"}, Made{AF_INET, SOCK_DGRAM, 0, "UDP"},
                            Made{AF_INET6, SOCK_STREAM, IPPROTO_TCP, "TCPv6"}, Made{AF_INET6, SOCK_DGRAM, 0, "UDPv6"},
                            Made{AF_UNIX, SOCK_STREAM, 0, "UNIX-STREAM"}}) {
        const int fd = socket(made.family, made.type | SOCK_CLOEXEC, made.protocol);
        ASSERT_GE(fd, 0) << made.name;
        int kernel_protocol = -1;
        socklen_t length = sizeof(kernel_protocol);
        ASSERT_EQ(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &kernel_protocol, &length), 0);
        SocketResolver resolver;
        const FdKind fresh = resolver.resolve_new_socket(getpid(), fd, NewSocket{made.family, made.type, made.protocol});
        const FdKind full = resolver.resolve(getpid(), fd);
        ASSERT_TRUE(fresh.socket) << made.name;
        ASSERT_TRUE(full.socket) << made.name;
        EXPECT_EQ(fresh.socket->protocol, made.name);
        EXPECT_EQ(fresh.socket->protocol, full.socket->protocol);
        EXPECT_EQ(fresh.socket->inode, kernel_inode(fd));
        EXPECT_TRUE(fresh.socket->local.empty()) << made.name;
        EXPECT_TRUE(fresh.socket->peer.empty()) << made.name;
        EXPECT_EQ(fresh.socket->netns, full.socket->netns);
        if (made.family != AF_UNIX) EXPECT_EQ(kernel_protocol, made.type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP);
        close(fd);
    }
}

}  // namespace
}  // namespace netlens::trace
