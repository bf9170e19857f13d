// The owner scan on its own threads: the same holders as the kernel's fd table says this
// process has, whichever thread asks first, and a clean end when nobody asks.
#include "sockets/owners/background_owner_scan.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/file_descriptor.h"

namespace netlens::sockets {
namespace {

uint64_t inode_of(int fd) {
    struct stat st {};
    EXPECT_EQ(fstat(fd, &st), 0);
    return st.st_ino;
}

std::vector<FileDescriptor> open_sockets(size_t count) {
    std::vector<FileDescriptor> sockets;
    for (size_t i = 0; i < count; ++i) sockets.emplace_back(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    return sockets;
}

TEST(BackgroundOwnerScan, FindsThisProcessAtEachSocketsFd) {
    const std::vector<FileDescriptor> sockets = open_sockets(16);
    BackgroundOwnerScan scan("/proc", {});
    const OwnerScan& answer = scan.result();
    ASSERT_FALSE(answer.error.has_value());
    EXPECT_GT(answer.processes_scanned, 0u);
    for (const FileDescriptor& socket : sockets) {
        ASSERT_TRUE(socket.valid());
        const auto holders = answer.owners.holders(inode_of(socket.get()));
        ASSERT_EQ(holders.size(), 1u);
        EXPECT_EQ(holders.front().pid, getpid());
        EXPECT_EQ(holders.front().fd, socket.get());
    }
}

TEST(BackgroundOwnerScan, ThreadsAskingAtOnceShareOneAnswer) {
    const std::vector<FileDescriptor> sockets = open_sockets(4);
    BackgroundOwnerScan scan("/proc", {.workers = 2});
    std::vector<const OwnerScan*> answers(4, nullptr);
    {
        std::vector<std::jthread> askers;
        for (auto& answer : answers) askers.emplace_back([&scan, &answer] { answer = &scan.result(); });
    }
    for (const OwnerScan* answer : answers) EXPECT_EQ(answer, answers.front());
    const auto holders = answers.front()->owners.holders(inode_of(sockets.front().get()));
    ASSERT_EQ(holders.size(), 1u);
    EXPECT_EQ(holders.front().fd, sockets.front().get());
}

TEST(BackgroundOwnerScan, MissingProcRootIsAnError) {
    BackgroundOwnerScan scan("/nonexistent/proc", {});
    ASSERT_TRUE(scan.result().error.has_value());
    EXPECT_NE(scan.result().error->message.find("/nonexistent/proc"), std::string::npos);
}

// A command that fails before its first row never asks; the threads must still end
// (the sanitizer build would report a leaked or racing thread).
TEST(BackgroundOwnerScan, EndsWhenNobodyAsks) {
    for (int i = 0; i < 8; ++i) BackgroundOwnerScan scan("/proc", {.workers = 2});
    SUCCEED();
}

}  // namespace
}  // namespace netlens::sockets
