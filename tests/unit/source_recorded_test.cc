// Replays the recordings checked in under fuzz/corpus/recording: scratch_namespace is a
// real run (fuzz/record_seeds.sh: veths, a bridge, v4/v6 addresses, routes, neighbours)
// and the edge_* files are damaged copies of it (fuzz/recording_edge_seeds.py). What the
// decoders make of the replay must match the namespace the script built.
#include <gtest/gtest.h>
#include <linux/netlink.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "iface/nic_counters.h"
#include "iface/rtnl_dump.h"
#include "proc/sysctl.h"
#include "source/session.h"
#include "source_test_support.h"

namespace netlens::source {
namespace {

Session replay(const std::string& name) {
    const auto path = std::filesystem::path(NETLENS_SOURCE_DIR) / "fuzz/corpus/recording" / name;
    auto session = Session::replay(path.string());
    if (!session) throw FatalError(session.error());
    return std::move(*session);
}

TEST(RecordedRun, LinksAddressesAndRoutesOfTheScratchNamespace) {
    auto session = replay("scratch_namespace");
    EXPECT_FALSE(session.damage().has_value());
    EXPECT_TRUE(session.namespaces([] { return std::vector<NetnsTarget>{}; }).empty());
    auto source = session.source("");
    auto socket = open_channel(*source, NETLINK_ROUTE);
    ASSERT_TRUE(socket.ok());

    Diagnosis diagnosis;
    auto links = iface::dump_links(*socket, diagnosis);
    ASSERT_TRUE(links.ok()) << links.error().message;
    std::vector<std::string> names;
    for (const auto& link : *links) names.push_back(link.name);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"br0", "lo", "port6", "veth1", "veth2", "veth3", "veth4", "veth5"}));
    const auto veth5 = std::find_if(links->begin(), links->end(), [](const auto& l) { return l.name == "veth5"; });
    EXPECT_EQ(veth5->mtu, 9000u);

    auto addresses = iface::dump_addresses(*socket, diagnosis);
    ASSERT_TRUE(addresses.ok()) << addresses.error().message;
    EXPECT_TRUE(std::any_of(addresses->begin(), addresses->end(),
                            [](const auto& a) { return a.local == "10.20.0.1" && a.prefix_length == 24; }));
    auto neighbours = iface::dump_neighbours(*socket, diagnosis);
    ASSERT_TRUE(neighbours.ok()) << neighbours.error().message;
    EXPECT_TRUE(std::any_of(neighbours->begin(), neighbours->end(),
                            [](const auto& n) { return n.destination == "10.20.0.254"; }));
    std::vector<iface::Route> routes;
    auto done = iface::for_each_route(
        *socket, {}, [&](iface::Route&& route) { routes.push_back(std::move(route)); }, diagnosis);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_FALSE(diagnosis.partial());
    EXPECT_TRUE(std::any_of(routes.begin(), routes.end(), [](const auto& r) {
        return r.destination == "203.0.113.0" && r.destination_length == 24 && r.table == 1000;
    }));
}

TEST(RecordedRun, FilesSysctlsAndEthtoolAnswersIncludingErrnos) {
    auto session = replay("scratch_namespace");
    auto source = session.source("");
    auto somaxconn = read_text(*source, "/proc/sys/net/core/somaxconn");
    ASSERT_TRUE(somaxconn.ok()) << somaxconn.error().message;
    EXPECT_GT(proc::parse_integer(*somaxconn).value_or(0), 0);
    auto range = read_text(*source, "/proc/sys/net/ipv4/ip_local_port_range");
    ASSERT_TRUE(range.ok());
    EXPECT_TRUE(proc::parse_port_range(*range).has_value());
    auto absent = read_text(*source, "/proc/sys/net/ipv4/no_such_sysctl");
    ASSERT_FALSE(absent.ok());
    EXPECT_EQ(absent.error().message, "/proc/sys/net/ipv4/no_such_sysctl: " + errno_text(ENOENT));

    iface::NicCounterReader reader(*source);
    auto lo = reader.read("lo");
    ASSERT_FALSE(lo.ok());
    EXPECT_EQ(lo.error().message, "lo: driver has no ethtool statistics");
}

TEST(RecordedRun, ACutFileKeepsTheAnswersBeforeTheCut) {
    auto session = replay("edge_cut_in_record");
    ASSERT_TRUE(session.damage().has_value());
    EXPECT_EQ(session.damage()->code, ExitCode::partial);
    EXPECT_NE(session.damage()->message.find("offset "), std::string::npos);
    auto source = session.source("");
    auto socket = open_channel(*source, NETLINK_ROUTE);
    ASSERT_TRUE(socket.ok());
    Diagnosis diagnosis;
    EXPECT_TRUE(iface::dump_links(*socket, diagnosis).ok());       // before the cut
    EXPECT_FALSE(iface::dump_addresses(*socket, diagnosis).ok());  // cut
}

TEST(RecordedRun, AnAnswerThatStopsEarlyIsAnErrorNotAWait) {
    auto session = replay("edge_reply_stops_early");
    auto source = session.source("");
    auto links = test_support::dump_links_through(*source);
    ASSERT_FALSE(links.ok());
    EXPECT_NE(links.error().message.find("stops before its end"), std::string::npos) << links.error().message;
}

TEST(RecordedRun, RecordedErrnosComeBackAsTheSameErrors) {
    auto session = replay("edge_answers_errno");
    auto source = session.source("");
    auto links = test_support::dump_links_through(*source);
    ASSERT_FALSE(links.ok());
    EXPECT_EQ(links.error().message, "link dump: netlink receive: " + errno_text(ENOBUFS));
    auto sockstat = read_text(*source, "/proc/net/sockstat");
    ASSERT_FALSE(sockstat.ok());
    EXPECT_EQ(sockstat.error().code, ExitCode::permission);
}

}  // namespace
}  // namespace netlens::source
