// Differential: the same descriptors described by strace -yy and by the fd table. This
// process opens one socket (or file) of each kind; strace then runs a shell that
// inherits them and closes each, and prints `close(5<TCP:[...]>)`; the text between the
// angle brackets must equal ours for the same fd. Skips when strace is missing or may
// not trace.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "trace/sockets/fd_table.h"
#include "trace_sockets_test_support.h"

namespace netlens::trace {
namespace {

// What strace printed inside close(N<...>) for each fd N, first time it was closed.
std::map<int, std::string> strace_views(const std::vector<int>& fds) {
    std::string script = "exec";
    for (int fd : fds) script += " " + std::to_string(fd) + "<&-";
    const std::string command = "strace -yy -e trace=close -e signal=none bash -c '" + script + "' 2>&1";
    std::map<int, std::string> views;
    FILE* output = popen(command.c_str(), "r");
    if (output == nullptr) return views;
    static const std::regex kClose(R"(^close\((\d+)<(.*)>\)\s+= 0$)");
    char line[4096];
    while (fgets(line, sizeof(line), output) != nullptr) {
        std::string text(line);
        if (!text.empty() && text.back() == '\n') text.pop_back();
        std::smatch match;
        // bash moves descriptors about and closes the moved copies later: the first
        // close of a number is of the inherited descriptor.
        if (std::regex_match(text, match, kClose)) views.emplace(std::stoi(match[1]), match[2]);
    }
    pclose(output);
    return views;
}

FileDescriptor unix_listener(sockaddr_un& address, socklen_t length) {
    FileDescriptor listener(socket(AF_UNIX, SOCK_STREAM, 0));
    if (bind(listener.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(listener.get(), 2) != 0) {
        return FileDescriptor();
    }
    return listener;
}

TEST(SocketResolverAgainstStrace, SameTextForEveryKind) {
    if (system("strace -V >/dev/null 2>&1") != 0) GTEST_SKIP() << "strace is not installed";
    std::vector<FileDescriptor> held;
    auto hold = [&](int fd) { held.emplace_back(fd); };

    auto tcp = testing::tcp_triple();
    auto tcp6 = testing::tcp_triple(AF_INET6);
    hold(socket(AF_INET, SOCK_STREAM, 0));  // fresh: inode alone
    FileDescriptor udp(socket(AF_INET, SOCK_DGRAM, 0));
    sockaddr_in any{};
    any.sin_family = AF_INET;
    bind(udp.get(), reinterpret_cast<sockaddr*>(&any), sizeof(any));
    hold(socket(AF_INET6, SOCK_DGRAM, 0));
    int pair[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    hold(pair[0]);
    hold(pair[1]);
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), 0);
    hold(pair[0]);
    hold(pair[1]);

    char directory[] = "/tmp/netlens-strace-diff-XXXXXX";
    ASSERT_NE(mkdtemp(directory), nullptr);
    sockaddr_un path{};
    path.sun_family = AF_UNIX;
    const std::string socket_path = std::string(directory) + "/listen.sock";
    socket_path.copy(path.sun_path, socket_path.size());
    FileDescriptor path_listener = unix_listener(path, sizeof(path));
    FileDescriptor path_client(socket(AF_UNIX, SOCK_STREAM, 0));
    ASSERT_EQ(connect(path_client.get(), reinterpret_cast<sockaddr*>(&path), sizeof(path)), 0);
    FileDescriptor path_accepted(accept(path_listener.get(), nullptr, nullptr));

    sockaddr_un abstract{};
    abstract.sun_family = AF_UNIX;
    const std::string name = "netlens-diff-" + std::to_string(getpid());
    name.copy(abstract.sun_path + 1, name.size());
    const auto abstract_length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
    FileDescriptor abstract_listener = unix_listener(abstract, abstract_length);
    FileDescriptor abstract_client(socket(AF_UNIX, SOCK_STREAM, 0));
    ASSERT_EQ(connect(abstract_client.get(), reinterpret_cast<sockaddr*>(&abstract), abstract_length), 0);
    FileDescriptor abstract_accepted(accept(abstract_listener.get(), nullptr, nullptr));

    auto syn_sent = testing::syn_sent();  // strace finds it in the kernel's tables
    FileDescriptor netlink(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
    sockaddr_nl local{};
    local.nl_family = AF_NETLINK;
    bind(netlink.get(), reinterpret_cast<sockaddr*>(&local), sizeof(local));
    hold(socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG));  // unbound
    hold(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));   // -1 without CAP_NET_RAW
    hold(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    hold(open("/etc/hosts", O_RDONLY));
    hold(open("/dev/null", O_RDONLY));

    std::vector<int> fds;
    for (const auto* fd : {&tcp.listener, &tcp.client, &tcp.server, &tcp6.listener, &tcp6.client, &udp,
                           &path_listener, &path_client, &path_accepted, &abstract_listener, &abstract_client,
                           &abstract_accepted, &netlink, &syn_sent.waiting}) {
        fds.push_back(fd->get());
    }
    for (const auto& fd : held) {
        if (fd.valid()) fds.push_back(fd.get());
    }
    const auto views = strace_views(fds);
    if (views.empty()) GTEST_SKIP() << "strace printed no close() lines (tracing not permitted here?)";

    FdTable table;
    for (int fd : fds) {
        SCOPED_TRACE("fd " + std::to_string(fd));
        auto view = views.find(fd);
        ASSERT_NE(view, views.end());
        EXPECT_EQ(std::to_string(fd) + "<" + view->second + ">", table.fd_text(getpid(), fd));
    }
    unlink(socket_path.c_str());
    rmdir(directory);
}

}  // namespace
}  // namespace netlens::trace
