// The fd table on real descriptors of this process: what it caches, when it asks again,
// and strace -yy's rendering. Expected texts are built from the kernel's own answers
// (getsockname/getpeername/fstat) in strace's layout, which strace 6.1 printed as
// `fsync(4<TCP:[127.0.0.1:48062->127.0.0.1:56583]>)` and `fsync(29</etc/hosts>)` for
// `strace -yy -e trace=fsync` on a program holding such descriptors.
#include "trace/sockets/fd_table.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>

#include "trace/sockets/socket_text.h"
#include "trace_sockets_test_support.h"

namespace netlens::trace {
namespace {

using testing::kernel_endpoint;
using testing::kernel_inode;

TEST(FdTable, RendersSocketsFilesAndUnknownFds) {
    const auto triple = testing::tcp_triple();
    ASSERT_TRUE(triple.server.valid());
    FileDescriptor hosts(open("/etc/hosts", O_RDONLY));
    FdTable table;
    const int client = triple.client.get();
    EXPECT_EQ(table.fd_text(getpid(), client), std::to_string(client) + "<TCP:[" + kernel_endpoint(client, false) +
                                                   "->" + kernel_endpoint(client, true) + "]>");
    EXPECT_EQ(table.fd_text(getpid(), triple.listener.get()),
              std::to_string(triple.listener.get()) + "<TCP:[" + kernel_endpoint(triple.listener.get(), false) + "]>");
    EXPECT_EQ(table.fd_text(getpid(), hosts.get()), std::to_string(hosts.get()) + "</etc/hosts>");
    EXPECT_EQ(table.fd_text(getpid(), -1), "-1");
    EXPECT_EQ(table.fd_text(getpid(), 1LL << 40), std::to_string(1LL << 40));
}

// Resolved once: the cached answer stays until the table is told the fd changed.
TEST(FdTable, ResolvesOnceUntilChanged) {
    FileDescriptor udp(socket(AF_INET, SOCK_DGRAM, 0));
    FdTable table;
    EXPECT_EQ(table.kind(getpid(), udp.get()).socket->local, "");
    sockaddr_in any{};
    any.sin_family = AF_INET;
    ASSERT_EQ(bind(udp.get(), reinterpret_cast<sockaddr*>(&any), sizeof(any)), 0);
    EXPECT_EQ(table.kind(getpid(), udp.get()).socket->local, "") << "asked the kernel again without a change";
    table.changed(getpid(), udp.get());
    EXPECT_EQ(table.kind(getpid(), udp.get()).socket->local, kernel_endpoint(udp.get(), false));
}

TEST(FdTable, ForgetDupForkExecAndProcessGone) {
    FileDescriptor udp(socket(AF_INET, SOCK_DGRAM, 0));
    FileDescriptor hosts(open("/etc/hosts", O_RDONLY));
    const int pid = getpid();
    FdTable table;
    ASSERT_TRUE(table.kind(pid, udp.get()).socket);

    // dup: the target fd is what the source is, without asking the kernel (the number
    // 999 is not open here, so only the copy can make it a socket).
    table.dup(pid, udp.get(), 999);
    ASSERT_TRUE(table.kind(pid, 999).socket);
    EXPECT_EQ(table.kind(pid, 999).socket->inode, kernel_inode(udp.get()));

    // fork: the child (here a made-up pid) starts with the parent's table.
    table.fork(pid, 999'999'999);
    EXPECT_EQ(table.kind(999'999'999, 999).socket->inode, kernel_inode(udp.get()));

    // forget (close): asked again, 999 is not open.
    table.forget(pid, 999);
    EXPECT_FALSE(table.kind(pid, 999).known());

    // exec: everything is asked again.
    table.dup(pid, udp.get(), 998);
    table.exec(pid);
    EXPECT_FALSE(table.kind(pid, 998).known());
    EXPECT_EQ(table.kind(pid, hosts.get()).path, "/etc/hosts");

    table.process_gone(999'999'999);
    EXPECT_FALSE(table.kind(999'999'999, 999).known());
}

// A source that counts the questions it is asked: the table asks once per fd until told
// the fd changed.
class CountingSource final : public FdKindSource {
public:
    FdKind resolve(int, int fd) override {
        ++asked;
        FdKind kind;
        if (fd < 100) kind.socket = SocketIdentity{.inode = static_cast<uint64_t>(fd), .protocol = "UDP"};
        return kind;
    }
    void forget_process(int) override { ++forgotten; }
    int asked = 0;
    int forgotten = 0;
};

TEST(FdTable, AsksItsSourceOncePerFd) {
    auto source = std::make_unique<CountingSource>();
    CountingSource& counting = *source;
    FdTable table(std::move(source));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(table.kind(7, 5).socket->inode, 5U);
    EXPECT_EQ(counting.asked, 1);
    EXPECT_EQ(table.fd_text(7, 5), "5<UDP:[5]>");
    EXPECT_EQ(counting.asked, 1);
    table.changed(7, 5);
    table.kind(7, 5);
    EXPECT_EQ(counting.asked, 2);
    // Unknown fds are not kept: asked each time.
    table.kind(7, 200);
    table.kind(7, 200);
    EXPECT_EQ(counting.asked, 4);
    // Threads share the table by thread-group id; another process asks on its own.
    table.kind(8, 5);
    EXPECT_EQ(counting.asked, 5);
    table.process_gone(8);
    EXPECT_EQ(counting.forgotten, 1);
}

// Texts for families that need no live socket, in the forms strace -yy printed for
// `strace -yy -e trace=fsync ./kinds` (a program holding one socket of each kind).
TEST(SocketText, StraceForms) {
    SocketIdentity unix_pair{.inode = 6720011, .protocol = "UNIX-STREAM", .peer_inode = 6720012};
    EXPECT_EQ(socket_text(unix_pair), "UNIX-STREAM:[6720011->6720012]");
    SocketIdentity listener{.inode = 6720017, .protocol = "UNIX-STREAM", .local = "/tmp/tsock/x.sock"};
    EXPECT_EQ(socket_text(listener), "UNIX-STREAM:[6720017,\"/tmp/tsock/x.sock\"]");
    SocketIdentity accepted{.inode = 6720022, .protocol = "UNIX-STREAM", .local = "@abst", .peer_inode = 6720021};
    EXPECT_EQ(socket_text(accepted), "UNIX-STREAM:[6720022->6720021,@\"abst\"]");
    EXPECT_EQ(socket_text({.inode = 6720030, .protocol = "UNIX"}), "UNIX:[6720030]");
    // An abstract name with awkward bytes, bound by a program and shown by strace -yy as
    // fsync(3<UNIX-STREAM:[7494568,@"a\1b\n\"q\\9\3779"]>).
    SocketIdentity awkward{.inode = 7494568, .protocol = "UNIX-STREAM",
                           .local = std::string("@a\001b\n\"q\\9\3779", 11)};
    EXPECT_EQ(socket_text(awkward), R"(UNIX-STREAM:[7494568,@"a\1b\n\"q\\9\3779"])");
    // Octal escapes are shortest unless an octal digit follows; strace -yy printed
    // fsync(3<UNIX-STREAM:[7610264,@"\0017\18\1"]>) for the name "\0\0017\0018\001".
    SocketIdentity digits{.inode = 7610264, .protocol = "UNIX-STREAM", .local = std::string("@\0017\0018\001", 6)};
    EXPECT_EQ(socket_text(digits), R"(UNIX-STREAM:[7610264,@"\0017\18\1"])");
    EXPECT_EQ(socket_text({.inode = 6720024, .protocol = "NETLINK", .local = "ROUTE:32069"}), "NETLINK:[ROUTE:32069]");
    EXPECT_EQ(socket_text({.inode = 6720024, .protocol = "NETLINK"}), "NETLINK:[6720024]");
    EXPECT_EQ(socket_text({.inode = 6720025, .protocol = "PACKET"}), "socket:[6720025]");
    EXPECT_EQ(socket_text({.inode = 6720027, .protocol = "RAW"}), "RAW:[6720027]");
    EXPECT_EQ(socket_text({.inode = 6720028, .protocol = "RAWv6"}), "RAWv6:[6720028]");
    EXPECT_EQ(socket_text({.inode = 6837556, .protocol = "TCPv6"}), "TCPv6:[6837556]");
    EXPECT_EQ(socket_text({.inode = 1, .protocol = "UDPv6", .local = "[::1]:42563", .peer = "[::1]:0"}),
              "UDPv6:[[::1]:42563->[::1]:0]");
}

}  // namespace
}  // namespace netlens::trace
