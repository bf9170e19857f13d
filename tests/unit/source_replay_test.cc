// Records real kernel answers in the test's own namespace (an RTM_GETLINK dump, a
// sockstat read, an ethtool query), saves them, loads them back and replays them: the
// decoders must see exactly what they saw live. No root needed.
#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "iface/nic_counters.h"
#include "iface/rtnl_dump.h"
#include "proc/file_text.h"
#include "proc/sockstat.h"
#include "source/session.h"
#include "source_test_support.h"

namespace netlens::source {
namespace {

using test_support::dump_links_through;
using test_support::ScratchFile;

void expect_same_links(const std::vector<iface::Link>& replayed, const std::vector<iface::Link>& live) {
    ASSERT_EQ(replayed.size(), live.size());
    for (size_t i = 0; i < live.size(); ++i) {
        const auto& a = replayed[i];
        const auto& b = live[i];
        EXPECT_EQ(a.ifindex, b.ifindex);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.kind, b.kind);
        EXPECT_EQ(a.operstate, b.operstate);
        EXPECT_EQ(a.flags, b.flags);
        EXPECT_EQ(a.carrier, b.carrier);
        EXPECT_EQ(a.mtu, b.mtu);
        EXPECT_EQ(a.master_ifindex, b.master_ifindex);
        EXPECT_EQ(a.link_ifindex, b.link_ifindex);
        EXPECT_EQ(a.mac, b.mac);
        EXPECT_EQ(a.qdisc, b.qdisc);
        ASSERT_EQ(a.stats.has_value(), b.stats.has_value());
        if (a.stats) {
            EXPECT_EQ(std::memcmp(&*a.stats, &*b.stats, sizeof *a.stats), 0) << a.name;
        }
    }
}

// What one recorded run saw live.
struct LiveRun {
    std::vector<iface::Link> links;
    std::string sockstat;
    std::string ethtool;  // what reading lo's driver counters gave
};

std::string describe_reading(const Result<iface::NicCounterReading>& reading) {
    return reading.ok() ? "counters: " + std::to_string(reading->total) : "error: " + reading.error().message;
}

LiveRun record_run(const std::string& path) {
    auto session = Session::record(path);
    EXPECT_TRUE(session.ok()) << session.error().message;
    LiveRun seen;
    {
        EXPECT_TRUE(session->namespaces([] { return std::vector<NetnsTarget>{}; }).empty());
        auto source = session->source("");
        {
            // The exchange is written when its socket closes: first in the file.
            auto socket = open_channel(*source, NETLINK_ROUTE);
            EXPECT_TRUE(socket.ok());
            Diagnosis diagnosis;
            auto links = iface::dump_links(*socket, diagnosis);
            EXPECT_TRUE(links.ok()) << links.error().message;
            seen.links = *links;
        }
        auto sockstat = read_text(*source, "/proc/net/sockstat");
        EXPECT_TRUE(sockstat.ok()) << sockstat.error().message;
        seen.sockstat = *sockstat;
        // lo has no driver statistics: the errno is an answer and is recorded too.
        iface::NicCounterReader reader(*source);
        seen.ethtool = describe_reading(reader.read("lo"));
    }
    EXPECT_FALSE(session->finish().has_value());
    return seen;
}

TEST(SourceReplay, ReplayedLinksSockstatAndEthtoolEqualTheLiveOnes) {
    const ScratchFile file("replay.rec");
    const LiveRun live = record_run(file.path());
    ASSERT_FALSE(live.links.empty());  // every namespace has lo

    auto session = Session::replay(file.path());
    ASSERT_TRUE(session.ok()) << session.error().message;
    EXPECT_FALSE(session->damage().has_value());
    EXPECT_TRUE(session->replaying());
    EXPECT_TRUE(session->namespaces([]() -> std::vector<NetnsTarget> { ADD_FAILURE() << "enumerated live"; return {}; })
                    .empty());
    auto source = session->source("");
    auto links = dump_links_through(*source);
    ASSERT_TRUE(links.ok()) << links.error().message;
    expect_same_links(*links, live.links);

    auto sockstat = read_text(*source, "/proc/net/sockstat");
    ASSERT_TRUE(sockstat.ok()) << sockstat.error().message;
    EXPECT_EQ(*sockstat, live.sockstat);
    auto parsed = proc::parse_sockstat(*sockstat);
    EXPECT_FALSE(parsed.first_bad_line.has_value());
    EXPECT_GE(proc::sockstat_value(parsed.values, "sockets", "used"), 0);

    iface::NicCounterReader reader(*source);
    EXPECT_EQ(describe_reading(reader.read("lo")), live.ethtool);
}

TEST(SourceReplay, AQuestionNotInTheRecordingIsAnErrorNamingIt) {
    const ScratchFile file("missing.rec");
    record_run(file.path());
    auto session = Session::replay(file.path());
    ASSERT_TRUE(session.ok());
    auto source = session->source("");

    auto file_read = source->read_file("/proc/net/sockstat6");
    ASSERT_FALSE(file_read.ok());
    EXPECT_EQ(file_read.error().code, ExitCode::partial);
    EXPECT_NE(file_read.error().message.find("/proc/net/sockstat6"), std::string::npos) << file_read.error().message;

    auto socket = open_channel(*source, NETLINK_ROUTE);
    ASSERT_TRUE(socket.ok());
    Diagnosis diagnosis;
    auto routes = iface::for_each_route(*socket, {}, [](iface::Route&&) {}, diagnosis);
    ASSERT_FALSE(routes.ok());
    EXPECT_NE(routes.error().message.find("not in the recording"), std::string::npos) << routes.error().message;
    EXPECT_NE(routes.error().message.find("type " + std::to_string(RTM_GETROUTE)), std::string::npos);

    // The same question in a namespace the run never visited has no answer either.
    auto elsewhere = session->source("blue");
    auto blue = read_text(*elsewhere, "/proc/net/sockstat");
    ASSERT_FALSE(blue.ok());
    EXPECT_NE(blue.error().message.find("namespace blue"), std::string::npos) << blue.error().message;
}

TEST(SourceReplay, AQuestionAskedMoreOftenThanRecordedIsAnError) {
    const ScratchFile file("twice.rec");
    record_run(file.path());
    auto session = Session::replay(file.path());
    ASSERT_TRUE(session.ok());
    auto source = session->source("");
    ASSERT_TRUE(read_text(*source, "/proc/net/sockstat").ok());
    auto again = read_text(*source, "/proc/net/sockstat");
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("1 time(s)"), std::string::npos) << again.error().message;
    // Each source keeps its own place: another one starts from the first answer.
    EXPECT_TRUE(read_text(*session->source(""), "/proc/net/sockstat").ok());
}

TEST(SourceReplay, ACutRecordingReplaysWhatComesBeforeTheCut) {
    const ScratchFile file("cut.rec");
    const LiveRun live = record_run(file.path());
    // The sockstat read follows the link dump in the file: cut off its last byte.
    std::string bytes = proc::read_file_text(file.path()).text;
    auto at = bytes.rfind(live.sockstat);
    ASSERT_NE(at, std::string::npos);
    bytes.resize(at + live.sockstat.size() - 1);
    FILE* out = std::fopen(file.path().c_str(), "w");
    ASSERT_NE(out, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), out);
    std::fclose(out);

    auto session = Session::replay(file.path());
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(session->damage().has_value());
    EXPECT_EQ(session->damage()->code, ExitCode::partial);
    EXPECT_NE(session->damage()->message.find(file.path() + ": offset "), std::string::npos)
        << session->damage()->message;
    auto source = session->source("");
    auto links = dump_links_through(*source);
    ASSERT_TRUE(links.ok()) << links.error().message;
    expect_same_links(*links, live.links);
    EXPECT_FALSE(read_text(*source, "/proc/net/sockstat").ok());
}

TEST(SourceReplay, TheVisitedNamespacesAreReplayedInOrder) {
    const ScratchFile file("netns.rec");
    {
        auto session = Session::record(file.path());
        ASSERT_TRUE(session.ok());
        auto targets = session->namespaces([] {
            return std::vector<NetnsTarget>{{"red", "/run/netns/red"}, {"blue", "/run/netns/blue"}};
        });
        ASSERT_EQ(targets.size(), 2u);
        ASSERT_FALSE(session->finish().has_value());
    }
    auto session = Session::replay(file.path());
    ASSERT_TRUE(session.ok());
    auto targets = session->namespaces([] { return std::vector<NetnsTarget>{}; });
    ASSERT_EQ(targets.size(), 2u);
    EXPECT_EQ(targets[0].label, "red");
    EXPECT_EQ(targets[1].label, "blue");
    EXPECT_TRUE(targets[0].path.empty());
}

TEST(SourceReplay, ARecordFileThatCannotBeCreatedIsAUsageError) {
    auto session = Session::record("/nonexistent/dir/x.rec");
    ASSERT_FALSE(session.ok());
    EXPECT_EQ(session.error().code, ExitCode::usage);
    EXPECT_NE(session.error().message.find("/nonexistent/dir/x.rec"), std::string::npos);
}

}  // namespace
}  // namespace netlens::source
