#include "proc/epoll_fdinfo.h"

#include <gtest/gtest.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "proc/file_text.h"

namespace netlens::proc {
namespace {

TEST(EpollFdinfo, WatchedDescriptorsInOrder) {
    const std::string text =
        "pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t1038\n"
        "tfd:        4 events:       19 data:                4  pos:0 ino:9d1fda sdev:9\n"
        "tfd:       12 events:       19 data:                c  pos:0 ino:9d1fdb sdev:9\n";
    EXPECT_EQ(parse_epoll_targets(text), (std::vector<int>{4, 12}));
}

TEST(EpollFdinfo, BadLinesAreSkipped) {
    EXPECT_TRUE(parse_epoll_targets("tfd: x events: 1\ntfd:\ntfd: -3 events\ntfd: 7x\n").empty());
    EXPECT_TRUE(parse_epoll_targets("").empty());
    EXPECT_EQ(parse_epoll_targets("tfd: 5"), (std::vector<int>{5}));
}

// The kernel's own file, for an epoll set watching a socket we made.
TEST(EpollFdinfo, TheKernelsFile) {
    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    const int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(epoll, 0);
    ASSERT_GE(sock, 0);
    epoll_event event{};
    event.events = EPOLLIN;
    ASSERT_EQ(epoll_ctl(epoll, EPOLL_CTL_ADD, sock, &event), 0);
    const FileText fdinfo = read_file_text("/proc/self/fdinfo/" + std::to_string(epoll));
    ASSERT_EQ(fdinfo.err, 0);
    EXPECT_EQ(parse_epoll_targets(fdinfo.text), (std::vector<int>{sock}));
    close(sock);
    close(epoll);
}

}  // namespace
}  // namespace netlens::proc
