// A LiveSource answers for the namespace of the thread that uses it: a thread that
// entered a fresh namespace reads its own sockstat and links while the main thread
// reads the host's. And threads in different namespaces record through one Recorder
// at once, each under its own label.
#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/file_descriptor.h"
#include "proc/file_text.h"
#include "proc/sockstat.h"
#include "source/live_source.h"
#include "source/session.h"
#include "source_test_support.h"

namespace netlens::source {
namespace {

int64_t udp_in_use(const std::string& sockstat) {
    return proc::sockstat_value(proc::parse_sockstat(sockstat).values, "UDP", "inuse");
}

// UDP sockets count in sockstat once bound; any address and port will do.
std::vector<FileDescriptor> open_udp_sockets(int count) {
    std::vector<FileDescriptor> sockets;
    for (int i = 0; i < count; ++i) {
        FileDescriptor fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        sockaddr_in any{};
        any.sin_family = AF_INET;
        EXPECT_EQ(bind(fd.get(), reinterpret_cast<const sockaddr*>(&any), sizeof any), 0) << errno_text(errno);
        sockets.push_back(std::move(fd));
    }
    return sockets;
}

// Runs `body` on a new thread that first moves into a fresh network namespace; the
// reason it could not, if it could not.
std::string in_fresh_namespace(const std::function<void()>& body) {
    std::string refused;
    std::thread worker([&] {
        if (unshare(CLONE_NEWNET) != 0) {
            refused = "unshare(CLONE_NEWNET): " + errno_text(errno);
            return;
        }
        body();
    });
    worker.join();
    return refused;
}

TEST(LiveSourceNetns, AThreadInAFreshNamespaceReadsItsOwn) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to create a network namespace (unshare CLONE_NEWNET)";
    auto host_sockets = open_udp_sockets(3);  // the host has at least these

    std::string own_sockstat;
    std::string leader_sockstat;
    std::vector<iface::Link> own_links;
    const std::string refused = in_fresh_namespace([&] {
        auto fresh_sockets = open_udp_sockets(2);
        LiveSource source("fresh");
        auto sockstat = read_text(source, "/proc/net/sockstat");
        if (sockstat) own_sockstat = *sockstat;
        // What a plain /proc/self/net read gives on this thread: the leader's namespace.
        leader_sockstat = proc::read_file_text("/proc/self/net/sockstat").text;
        auto links = test_support::dump_links_through(source);
        if (links) own_links = *links;
    });
    if (!refused.empty()) GTEST_SKIP() << refused;

    EXPECT_EQ(udp_in_use(own_sockstat), 2) << own_sockstat;
    ASSERT_EQ(own_links.size(), 1u);
    EXPECT_EQ(own_links[0].name, "lo");
    EXPECT_GE(udp_in_use(leader_sockstat), 3) << leader_sockstat;

    LiveSource host;
    auto host_sockstat = read_text(host, "/proc/net/sockstat");
    ASSERT_TRUE(host_sockstat.ok());
    EXPECT_GE(udp_in_use(*host_sockstat), 3) << *host_sockstat;
}

TEST(LiveSourceNetns, NamespacesRecordedInParallelReplayUnderTheirLabels) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to create network namespaces (unshare CLONE_NEWNET)";
    const test_support::ScratchFile file("parallel.rec");
    auto session = Session::record(file.path());
    ASSERT_TRUE(session.ok());
    auto targets = session->namespaces([] {
        return std::vector<NetnsTarget>{{"one", ""}, {"two", ""}, {"three", ""}};
    });

    std::vector<std::thread> workers;
    std::vector<std::string> refused(targets.size());
    for (size_t i = 0; i < targets.size(); ++i) {
        workers.emplace_back([&, i] {
            if (unshare(CLONE_NEWNET) != 0) {
                refused[i] = "unshare(CLONE_NEWNET): " + errno_text(errno);
                return;
            }
            auto sockets = open_udp_sockets(static_cast<int>(i) + 1);
            auto source = session->source(targets[i].label);
            for (int read = 0; read < 20; ++read) (void)source->read_file("/proc/net/sockstat");
        });
    }
    for (auto& worker : workers) worker.join();
    ASSERT_FALSE(session->finish().has_value());
    for (const auto& reason : refused) {
        if (!reason.empty()) GTEST_SKIP() << reason;
    }

    auto replay = Session::replay(file.path());
    ASSERT_TRUE(replay.ok());
    ASSERT_FALSE(replay->damage().has_value()) << replay->damage()->message;
    auto replayed = replay->namespaces([] { return std::vector<NetnsTarget>{}; });
    ASSERT_EQ(replayed.size(), 3u);
    for (size_t i = 0; i < replayed.size(); ++i) {
        EXPECT_EQ(replayed[i].label, targets[i].label);
        auto source = replay->source(replayed[i].label);
        for (int read = 0; read < 20; ++read) {
            auto text = read_text(*source, "/proc/net/sockstat");
            ASSERT_TRUE(text.ok()) << text.error().message;
            EXPECT_EQ(udp_in_use(*text), static_cast<int64_t>(i) + 1) << replayed[i].label;
        }
    }
}

TEST(SourceRecorder, ThreadsRecordThroughOneRecorderAtOnce) {
    const test_support::ScratchFile file("threads.rec");
    auto session = Session::record(file.path());
    ASSERT_TRUE(session.ok());
    constexpr int kThreads = 4;
    constexpr int kReads = 50;
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            auto source = session->source("t" + std::to_string(t));
            for (int read = 0; read < kReads; ++read) (void)source->read_file("/proc/net/sockstat");
        });
    }
    for (auto& worker : workers) worker.join();
    ASSERT_FALSE(session->finish().has_value());

    auto replay = Session::replay(file.path());
    ASSERT_TRUE(replay.ok());
    ASSERT_FALSE(replay->damage().has_value()) << replay->damage()->message;
    for (int t = 0; t < kThreads; ++t) {
        auto source = replay->source("t" + std::to_string(t));
        for (int read = 0; read < kReads; ++read) ASSERT_TRUE(read_text(*source, "/proc/net/sockstat").ok());
        EXPECT_FALSE(source->read_file("/proc/net/sockstat").ok());
    }
}

}  // namespace
}  // namespace netlens::source
