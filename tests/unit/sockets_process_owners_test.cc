// Live cases make real sockets in this process and in forked children and look them up in
// the real /proc; they need no privilege, since a process may always read its own fds and
// its children's. Fake trees laid out like /proc cover parsing and the error paths.
#include "sockets/owners/process_owners.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "core/file_descriptor.h"

namespace netlens::sockets {
namespace {

namespace fs = std::filesystem;

uint64_t inode_of(int fd) {
    struct stat st {};
    EXPECT_EQ(fstat(fd, &st), 0);
    return st.st_ino;
}

std::string own_comm() {
    std::ifstream in("/proc/self/comm");
    std::string name;
    std::getline(in, name);
    return name;
}

std::span<const ProcessRef> holders_of(const OwnerScan& scan, uint64_t inode) { return scan.owners.holders(inode); }

bool holds(const OwnerScan& scan, uint64_t inode, int pid, int fd) {
    for (const ProcessRef& ref : holders_of(scan, inode)) {
        if (ref.pid == pid && ref.fd == fd) return true;
    }
    return false;
}

// A forked child that runs `setup`, sends back the int it returns (an fd number, say) and
// then waits until the test is done with it. With leader_exits the child's main thread
// exits first and a second thread carries on, as after pthread_exit() in main().
class Child {
public:
    explicit Child(std::function<int()> setup, bool leader_exits = false) {
        int ready[2];
        int release[2];
        EXPECT_EQ(pipe2(ready, O_CLOEXEC), 0);
        EXPECT_EQ(pipe2(release, O_CLOEXEC), 0);
        pid_ = fork();
        if (pid_ == 0) {
            close(ready[0]);
            close(release[1]);
            const int report = setup();
            auto serve = [=] {
                if (leader_exits) wait_for_leader_exit();
                (void)!write(ready[1], &report, sizeof report);
                char byte;
                (void)!read(release[0], &byte, 1);  // returns when the test closes its end
                _exit(0);
            };
            if (!leader_exits) serve();
            std::thread(serve).detach();
            syscall(SYS_exit, 0);  // ends this thread only, unlike exit()
        }
        close(ready[1]);
        close(release[0]);
        ready_ = FileDescriptor(ready[0]);
        release_ = FileDescriptor(release[1]);
    }
    ~Child() {
        release_.reset();
        waitpid(pid_, nullptr, 0);
    }

    // Waits for the child's setup and returns what it reported.
    int ready() {
        int report = -1;
        EXPECT_EQ(read(ready_.get(), &report, sizeof report), static_cast<ssize_t>(sizeof report));
        return report;
    }
    pid_t pid() const { return pid_; }

private:
    static void wait_for_leader_exit() {
        for (;;) {
            std::ifstream in("/proc/self/stat");  // the leader's, since /proc/self names the process
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const size_t paren = text.rfind(')');
            if (paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z') return;
            usleep(1000);
        }
    }

    pid_t pid_ = -1;
    FileDescriptor ready_;
    FileDescriptor release_;
};

TEST(ProcessOwners, FindsOwnSockets) {
    const FileDescriptor tcp(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const FileDescriptor udp(socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    int pair[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    const FileDescriptor unix_a(pair[0]);
    const FileDescriptor unix_b(pair[1]);
    ASSERT_TRUE(tcp.valid());
    ASSERT_TRUE(udp.valid());

    const OwnerScan scan = find_socket_owners(
        {inode_of(tcp.get()), inode_of(udp.get()), inode_of(unix_a.get()), inode_of(unix_b.get())});

    EXPECT_EQ(scan.error, std::nullopt);
    EXPECT_EQ(scan.owners.sockets(), 4u);
    for (const FileDescriptor* fd : {&tcp, &udp, &unix_a, &unix_b}) {
        const auto holders = holders_of(scan, inode_of(fd->get()));
        ASSERT_FALSE(holders.empty());
        ASSERT_EQ(holders.size(), 1u);  // this process once, not once per thread
        EXPECT_EQ(holders.front().pid, getpid());
        EXPECT_EQ(holders.front().fd, fd->get());
        EXPECT_EQ(holders.front().command, own_comm());
    }
    EXPECT_GT(scan.processes_scanned, 0u);
    EXPECT_GE(scan.fds_scanned, 4u);
}

TEST(ProcessOwners, AttributesOnlyWantedSockets) {
    const FileDescriptor wanted(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const FileDescriptor other(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const OwnerScan scan = find_socket_owners({inode_of(wanted.get())});
    EXPECT_EQ(scan.owners.sockets(), 1u);
    EXPECT_TRUE(holds(scan, inode_of(wanted.get()), getpid(), wanted.get()));
    EXPECT_TRUE(holders_of(scan, inode_of(other.get())).empty());
}

TEST(ProcessOwners, SocketNobodyHoldsIsAbsent) {
    uint64_t closed_inode = 0;
    {
        const FileDescriptor gone(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        closed_inode = inode_of(gone.get());
    }
    const OwnerScan scan = find_socket_owners({closed_inode});
    EXPECT_TRUE(scan.owners.empty());
    EXPECT_GT(scan.processes_scanned, 0u);
}

TEST(ProcessOwners, EmptyWantedSetReadsNothing) {
    const OwnerScan scan = find_socket_owners({});
    EXPECT_TRUE(scan.owners.empty());
    EXPECT_EQ(scan.processes_scanned, 0u);
    EXPECT_EQ(scan.fds_scanned, 0u);
}

TEST(ProcessOwners, ThreadsAreNotSeparateHolders) {
    const FileDescriptor tcp(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    int gate[2];
    ASSERT_EQ(pipe2(gate, O_CLOEXEC), 0);
    const FileDescriptor gate_read(gate[0]);
    FileDescriptor gate_write(gate[1]);
    std::thread waiter([&] {
        char byte;
        (void)!read(gate_read.get(), &byte, 1);
    });
    const OwnerScan scan = find_socket_owners({inode_of(tcp.get())});
    gate_write.reset();
    waiter.join();
    const auto holders = holders_of(scan, inode_of(tcp.get()));
    ASSERT_FALSE(holders.empty());
    EXPECT_EQ(holders.size(), 1u);
}

TEST(ProcessOwners, ForkedChildIsASecondHolder) {
    const FileDescriptor tcp(socket(AF_INET, SOCK_STREAM, 0));  // no CLOEXEC: the child keeps it
    Child child([] { return 0; });
    child.ready();
    const OwnerScan scan = find_socket_owners({inode_of(tcp.get())});
    const auto holders = holders_of(scan, inode_of(tcp.get()));
    ASSERT_FALSE(holders.empty());
    ASSERT_EQ(holders.size(), 2u);
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), getpid(), tcp.get()));
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), child.pid(), tcp.get()));
    EXPECT_LT(holders[0].pid, holders[1].pid);  // ordered by pid
}

TEST(ProcessOwners, SocketPassedOverScmRightsListsBoth) {
    int channel[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel), 0);
    const FileDescriptor sender(channel[0]);
    const FileDescriptor receiver(channel[1]);
    Child child([&] {
        char byte;
        iovec data{&byte, 1};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
        msghdr message{};
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        if (recvmsg(receiver.get(), &message, 0) != 1) return -1;
        int fd = -1;
        std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&message)), sizeof fd);
        return fd;
    });
    // Made after fork(), so the child can only have it from the message.
    const FileDescriptor tcp(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    char byte = 'x';
    iovec data{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    const int sent_fd = tcp.get();
    std::memcpy(CMSG_DATA(header), &sent_fd, sizeof sent_fd);
    ASSERT_EQ(sendmsg(sender.get(), &message, 0), 1);
    const int child_fd = child.ready();
    ASSERT_GE(child_fd, 0);

    const OwnerScan scan = find_socket_owners({inode_of(tcp.get())});
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), getpid(), tcp.get()));
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), child.pid(), child_fd));
}

TEST(ProcessOwners, ProcessWhoseMainThreadExitedIsStillFound) {
    const FileDescriptor tcp(socket(AF_INET, SOCK_STREAM, 0));  // inherited by the child
    Child child([] { return 0; }, /*leader_exits=*/true);
    child.ready();
    // The exited leader's fd directory reads as empty to root and as EACCES to its own user
    // (the kernel presents a task without mm as root's); ss -p misses this holder either way.
    std::error_code unreadable;
    const bool empty = fs::is_empty("/proc/" + std::to_string(child.pid()) + "/fd", unreadable);
    EXPECT_TRUE(unreadable || empty);

    const OwnerScan scan = find_socket_owners({inode_of(tcp.get())});
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), child.pid(), tcp.get()));
    EXPECT_TRUE(holds(scan, inode_of(tcp.get()), getpid(), tcp.get()));
    EXPECT_EQ(std::count(scan.unreadable_pids.begin(), scan.unreadable_pids.end(), child.pid()), 0);
}

TEST(ProcessOwners, SameAnswerWithOneOrTwoThreads) {
    std::vector<FileDescriptor> sockets;
    std::unordered_set<uint64_t> wanted;
    for (int i = 0; i < 16; ++i) {
        sockets.emplace_back(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        wanted.insert(inode_of(sockets.back().get()));
    }
    const OwnerScan one = find_socket_owners(wanted, "/proc", {.workers = 1});
    const OwnerScan two = find_socket_owners(wanted, "/proc", {.workers = 2});
    ASSERT_EQ(one.owners.sockets(), wanted.size());
    ASSERT_EQ(two.owners.sockets(), wanted.size());
    // Not only the same answer twice: the right one, this process at each socket's fd.
    for (const auto& socket : sockets) {
        const auto holders = holders_of(one, inode_of(socket.get()));
        ASSERT_FALSE(holders.empty());
        ASSERT_EQ(holders.size(), 1u);
        EXPECT_EQ(holders.front().pid, getpid());
        EXPECT_EQ(holders.front().fd, socket.get());
    }
    for (const uint64_t inode : wanted) {
        const auto holders = holders_of(one, inode);
        const auto other = holders_of(two, inode);
        ASSERT_EQ(other.size(), holders.size());
        for (size_t i = 0; i < holders.size(); ++i) {
            EXPECT_EQ(other[i].pid, holders[i].pid);
            EXPECT_EQ(other[i].fd, holders[i].fd);
            EXPECT_EQ(other[i].command, holders[i].command);
        }
    }
}

TEST(ProcessOwners, MissingProcRootIsAnError) {
    const OwnerScan scan = find_socket_owners({1}, "/nonexistent/proc");
    ASSERT_TRUE(scan.error.has_value());
    EXPECT_NE(scan.error->message.find("/nonexistent/proc"), std::string::npos);
}

// A directory laid out like /proc, removed (after its permissions are restored) at the end.
class OwnersInFakeProc : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/netlens-fake-proc-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        root_ = pattern;
    }
    void TearDown() override {
        for (const fs::path& locked : locked_) fs::permissions(locked, fs::perms::owner_all);
        fs::remove_all(root_);
    }

    void add_fd(const std::string& fd_dir, int fd, const std::string& target) {
        fs::create_directories(root_ / fd_dir);
        fs::create_symlink(target, root_ / fd_dir / std::to_string(fd));
    }
    void add_comm(int pid, const std::string& text) {
        fs::create_directories(root_ / std::to_string(pid));
        std::ofstream(root_ / std::to_string(pid) / "comm") << text;
    }
    void lock(const std::string& dir, fs::perms perms = fs::perms::none) {
        fs::permissions(root_ / dir, perms);
        locked_.push_back(root_ / dir);
    }

    fs::path root_;
    std::vector<fs::path> locked_;
};

TEST_F(OwnersInFakeProc, MatchesLinksAndReadsComm) {
    add_fd("100/fd", 0, "/dev/null");
    add_fd("100/fd", 3, "socket:[42]");
    add_fd("100/fd", 4, "pipe:[42]");
    add_fd("100/fd", 5, "socket:[77]");  // a socket the filter dropped
    add_comm(100, "fake daemon\n");
    add_fd("200/fd", 7, "socket:[42]");
    add_comm(200, "worker\n");
    fs::create_directories(root_ / "300");  // exited before its fd directory was read
    fs::create_directories(root_ / "net");  // not a process
    fs::create_directory_symlink("100", root_ / "self");

    const OwnerScan scan = find_socket_owners({42, 99}, root_.string());

    ASSERT_EQ(scan.error, std::nullopt);
    ASSERT_EQ(scan.owners.sockets(), 1u);
    const auto& holders = scan.owners.holders(42);
    ASSERT_EQ(holders.size(), 2u);
    EXPECT_EQ(holders[0].pid, 100);
    EXPECT_EQ(holders[0].fd, 3);
    EXPECT_EQ(holders[0].command, "fake daemon");
    EXPECT_EQ(holders[1].pid, 200);
    EXPECT_EQ(holders[1].fd, 7);
    EXPECT_EQ(holders[1].command, "worker");
    EXPECT_EQ(scan.processes_scanned, 2u);  // 300 vanished, silently
    EXPECT_EQ(scan.fds_scanned, 5u);
    EXPECT_TRUE(scan.unreadable_pids.empty());
}

TEST_F(OwnersInFakeProc, ReadsThroughALiveThreadWhenTheLeaderExited) {
    fs::create_directories(root_ / "400/fd");  // empty, as for an exited leader
    fs::create_directories(root_ / "400/task/400/fd");
    add_fd("400/task/401/fd", 9, "socket:[43]");
    add_comm(400, "threaded\n");

    const OwnerScan scan = find_socket_owners({43}, root_.string());

    ASSERT_EQ(scan.owners.holders(43).size(), 1u);
    EXPECT_EQ(scan.owners.holders(43).front().pid, 400);  // the process, not the thread
    EXPECT_EQ(scan.owners.holders(43).front().fd, 9);
}

TEST_F(OwnersInFakeProc, EverySocketWhenNoneIsNamed) {
    add_fd("100/fd", 3, "socket:[42]");
    add_fd("100/fd", 4, "pipe:[43]");
    add_comm(100, "daemon\n");
    add_fd("200/fd", 5, "socket:[77]");
    add_comm(200, "worker\n");

    const OwnerScan scan = find_all_socket_owners(root_.string());

    EXPECT_EQ(scan.owners.sockets(), 2u);
    ASSERT_EQ(scan.owners.holders(42).size(), 1u);
    EXPECT_EQ(scan.owners.holders(42).front().fd, 3);
    ASSERT_EQ(scan.owners.holders(77).size(), 1u);
    EXPECT_EQ(scan.owners.holders(77).front().command, "worker");
    EXPECT_TRUE(scan.owners.holders(43).empty());
}

// ss -T: the leader's table as tid=pid, then each other thread's, each named after its
// own thread, in /proc/PID/task order.
TEST_F(OwnersInFakeProc, PerThreadListsEachThreadWithItsOwnName) {
    add_fd("400/fd", 3, "socket:[42]");
    add_comm(400, "server\n");
    add_fd("400/task/400/fd", 3, "socket:[42]");
    std::ofstream(root_ / "400/task/400/comm") << "server\n";
    add_fd("400/task/401/fd", 3, "socket:[42]");
    std::ofstream(root_ / "400/task/401/comm") << "worker-1\n";

    const OwnerScan scan = find_all_socket_owners(root_.string(), {.per_thread = true});

    const auto holders = scan.owners.holders(42);
    ASSERT_EQ(holders.size(), 2u);
    EXPECT_EQ(holders[0].tid, 400);
    EXPECT_EQ(holders[0].command, "server");
    EXPECT_EQ(holders[1].tid, 401);
    EXPECT_EQ(holders[1].command, "worker-1");
    EXPECT_EQ(holders[1].pid, 400);
    EXPECT_EQ(holders[1].fd, 3);
    // Without -T the process holds it once, with no tid.
    const OwnerScan plain = find_all_socket_owners(root_.string());
    ASSERT_EQ(plain.owners.holders(42).size(), 1u);
    EXPECT_EQ(plain.owners.holders(42).front().tid, 0);
}

TEST_F(OwnersInFakeProc, HolderThatExitsBeforeItsCommIsReadIsDropped) {
    add_fd("500/fd", 3, "socket:[42]");  // no comm: the process is gone

    const OwnerScan scan = find_socket_owners({42}, root_.string());

    EXPECT_TRUE(scan.owners.empty());
    EXPECT_TRUE(scan.unreadable_pids.empty());
}

TEST_F(OwnersInFakeProc, UnreadableFdDirectoryIsReported) {
    // Root bypasses file permissions, so a mode-000 directory stays readable and this case
    // cannot be staged; DroppedPrivilegesSeeOtherProcessesAsUnreadable covers it under root.
    if (geteuid() == 0) GTEST_SKIP() << "root ignores the mode-000 fd directory this test relies on";
    add_fd("600/fd", 3, "socket:[42]");
    add_comm(600, "private\n");
    add_fd("700/fd", 3, "socket:[42]");
    add_comm(700, "public\n");
    lock("600/fd");

    const OwnerScan scan = find_socket_owners({42}, root_.string());

    EXPECT_EQ(scan.unreadable_pids, std::vector<int>{600});
    ASSERT_FALSE(scan.owners.holders(42).empty());
    EXPECT_EQ(scan.owners.holders(42).size(), 1u);
    EXPECT_EQ(scan.owners.holders(42).front().pid, 700);
}

TEST_F(OwnersInFakeProc, RefusedLinksMakeTheProcessUnreadable) {
    // A directory that can be listed but not searched opens and lists, then refuses every
    // readlinkat, as the kernel does for a process a security module protects.
    if (geteuid() == 0) GTEST_SKIP() << "root ignores the mode-400 fd directory this test relies on";
    add_fd("800/fd", 3, "socket:[42]");
    add_fd("800/fd", 4, "socket:[43]");
    add_comm(800, "guarded\n");
    lock("800/fd", fs::perms::owner_read);

    const OwnerScan scan = find_socket_owners({42, 43}, root_.string());

    EXPECT_EQ(scan.unreadable_pids, std::vector<int>{800});
    EXPECT_TRUE(scan.owners.empty());
    EXPECT_EQ(scan.processes_scanned, 0u);
}

// Under root the EACCES path is real, not staged: a child drops to nobody and scans the
// real /proc, where this (root) test process becomes unreadable to it.
TEST(ProcessOwners, DroppedPrivilegesSeeOtherProcessesAsUnreadable) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to drop to another user";
    const pid_t parent = getpid();
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const int own = socket(AF_INET, SOCK_STREAM, 0);
        if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) _exit(10);
        prctl(PR_SET_DUMPABLE, 1);  // changing uid clears it; keep our own fds readable
        const OwnerScan scan = find_socket_owners({inode_of(own)});
        const bool parent_unreadable = std::find(scan.unreadable_pids.begin(), scan.unreadable_pids.end(), parent) !=
                                       scan.unreadable_pids.end();
        if (!parent_unreadable) _exit(11);
        if (!holds(scan, inode_of(own), getpid(), own)) _exit(12);
        _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "10: could not drop privileges, 11: parent not reported unreadable, "
                                         "12: own socket not found";
}

}  // namespace
}  // namespace netlens::sockets
