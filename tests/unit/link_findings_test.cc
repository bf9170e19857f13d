// Link-layer findings from hand-built snapshots: administratively down links, links up
// without carrier (worse when they carry the default route) and rising error counters.
#include <gtest/gtest.h>

#include "findings_test_support.h"
#include "iface_fixtures.h"
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "iface/findings.h"

namespace netlens::iface {
namespace {

constexpr uint32_t kHealthy = IFF_UP | IFF_LOWER_UP | IFF_BROADCAST | IFF_MULTICAST;

using test_support::delta_for;
using test_support::make_link;

// A default route through `oif`, in the main table unless `table` says otherwise.
Route default_route(int oif, uint32_t table = RT_TABLE_MAIN) {
    Route route = test_support::default_route(AF_INET, "192.0.2.1", oif);
    route.table = table;
    return route;
}

Diagnosis run(const Snapshot& snapshot, const std::vector<LinkDelta>& deltas = {}, bool have_interval = true) {
    Diagnosis diagnosis;
    link_findings(snapshot, deltas, have_interval, diagnosis);
    return diagnosis;
}

using netlens::test_support::with_id;
constexpr auto evidence = netlens::test_support::find_evidence;

TEST(LinkFindings, HealthyLinksSayNothing) {
    Snapshot snapshot;
    snapshot.links = {make_link(1, "lo", IFF_UP | IFF_LOWER_UP | IFF_LOOPBACK), make_link(2, "eth0", kHealthy)};
    snapshot.links[1].carrier = true;
    snapshot.routes = {default_route(2)};
    const auto diagnosis = run(snapshot);
    EXPECT_TRUE(diagnosis.findings.empty());
    EXPECT_TRUE(diagnosis.skipped.empty());
}

TEST(LinkFindings, AdminDownIsInfo) {
    Snapshot snapshot;
    snapshot.netns = "blue";
    snapshot.links = {make_link(3, "eth1", IFF_BROADCAST)};
    const auto diagnosis = run(snapshot);
    const auto found = with_id(diagnosis, "link.admin_down");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_EQ(found[0].layer, Layer::l1_2);
    EXPECT_NE(found[0].title.find("eth1"), std::string::npos);
    EXPECT_EQ(found[0].next_command, "ip link set eth1 up");
    EXPECT_EQ(found[0].netns, "blue");
    ASSERT_NE(evidence(found[0], "state"), nullptr);
    EXPECT_EQ(evidence(found[0], "state")->value, "DOWN");
    EXPECT_EQ(evidence(found[0], "state")->source, "rtnetlink");
    // A down link is not also reported as lacking carrier.
    EXPECT_TRUE(with_id(diagnosis, "link.no_carrier").empty());
}

TEST(LinkFindings, LoopbackDownIsWarning) {
    Snapshot snapshot;
    snapshot.links = {make_link(1, "lo", IFF_LOOPBACK)};
    const auto found = with_id(run(snapshot), "link.admin_down");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_NE(found[0].advice.find("127.0.0.1"), std::string::npos);
}

TEST(LinkFindings, UpWithoutLowerUpIsNoCarrier) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", IFF_UP | IFF_BROADCAST)};
    const auto found = with_id(run(snapshot), "link.no_carrier");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].title.find("default route"), std::string::npos);
    ASSERT_NE(evidence(found[0], "lower_up"), nullptr);
    EXPECT_EQ(evidence(found[0], "lower_up")->value, false);
    // The kernel sent no IFLA_CARRIER: an unknown carrier is left out, not guessed.
    EXPECT_EQ(evidence(found[0], "carrier"), nullptr);
    EXPECT_EQ(found[0].next_command, "ethtool eth0");
}

TEST(LinkFindings, CarrierAttributeZeroIsNoCarrierEvenWithLowerUp) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", kHealthy)};
    snapshot.links[0].carrier = false;
    const auto found = with_id(run(snapshot), "link.no_carrier");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(evidence(found[0], "carrier")->value, false);
    EXPECT_EQ(evidence(found[0], "lower_up")->value, true);
}

TEST(LinkFindings, NoCarrierOnDefaultRouteLinkIsCritical) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", IFF_UP), make_link(3, "eth1", IFF_UP)};
    snapshot.routes = {default_route(2)};
    const auto found = with_id(run(snapshot), "link.no_carrier");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].severity, Severity::critical);
    EXPECT_NE(found[0].title.find("default route"), std::string::npos);
    EXPECT_EQ(found[1].severity, Severity::warning);
}

TEST(LinkFindings, DefaultRouteInAnotherTableOrSpecificRouteIsNotCritical) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", IFF_UP)};
    Route specific = default_route(2);
    specific.destination = "10.0.0.0";
    specific.destination_length = 8;
    snapshot.routes = {default_route(2, 100), specific};
    const auto found = with_id(run(snapshot), "link.no_carrier");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST(LinkFindings, VethAdviceNamesThePeer) {
    Snapshot snapshot;
    snapshot.links = {make_link(5, "veth-a", IFF_UP)};
    snapshot.links[0].kind = "veth";
    const auto found = with_id(run(snapshot), "link.no_carrier");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].advice.find("veth"), std::string::npos);
    EXPECT_EQ(found[0].next_command, "ip -d link show veth-a");
}

TEST(LinkFindings, RisingErrorCountersWithEvidence) {
    Snapshot snapshot;
    snapshot.netns = "red";
    snapshot.links = {make_link(2, "eth0", kHealthy)};
    LinkDelta delta = delta_for(2, "eth0");
    delta.stats.rx_errors = 3;
    delta.stats.tx_dropped = 1;
    delta.stats.rx_bytes = 100000;  // traffic, not trouble
    delta.nic = {{"rx_queue_0_drops", 7}};

    const auto diagnosis = run(snapshot, {delta});
    const auto found = with_id(diagnosis, "link.errors_rising");
    ASSERT_EQ(found.size(), 1u);
    const Finding& finding = found[0];
    EXPECT_EQ(finding.severity, Severity::warning);
    EXPECT_EQ(finding.layer, Layer::l1_2);
    EXPECT_EQ(finding.netns, "red");
    ASSERT_EQ(finding.evidence.size(), 4u);
    const Evidence* rx_errors = evidence(finding, "rx_errors");
    ASSERT_NE(rx_errors, nullptr);
    EXPECT_TRUE(rx_errors->value.is_number_unsigned()) << rx_errors->value;
    EXPECT_EQ(rx_errors->value, 3u);
    EXPECT_EQ(rx_errors->source, "rtnetlink");
    ASSERT_NE(evidence(finding, "tx_dropped"), nullptr);
    EXPECT_EQ(evidence(finding, "rx_bytes"), nullptr);
    const Evidence* nic = evidence(finding, "rx_queue_0_drops");
    ASSERT_NE(nic, nullptr);
    EXPECT_EQ(nic->value, 7u);
    EXPECT_EQ(nic->source, "ethtool");
    const Evidence* interval = evidence(finding, "interval_s");
    ASSERT_NE(interval, nullptr);
    EXPECT_TRUE(interval->value.is_number_float()) << interval->value;
    EXPECT_DOUBLE_EQ(interval->value.get<double>(), 2.0);
    EXPECT_TRUE(diagnosis.skipped.empty());
}

TEST(LinkFindings, DriverCounterNamesBecomeSnakeCaseKeys) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", kHealthy)};
    LinkDelta delta = delta_for(2, "eth0");
    delta.nic = {{"port.rx-Dropped", 4}};
    const auto found = with_id(run(snapshot, {delta}), "link.errors_rising");
    ASSERT_EQ(found.size(), 1u);
    ASSERT_NE(evidence(found[0], "port_rx_dropped"), nullptr);
    EXPECT_EQ(evidence(found[0], "port_rx_dropped")->value, 4u);
}

TEST(LinkFindings, OnlyTrafficGrowthIsQuiet) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", kHealthy)};
    LinkDelta delta = delta_for(2, "eth0");
    delta.stats.rx_bytes = 5000;
    delta.stats.tx_packets = 40;
    delta.stats.multicast = 3;
    EXPECT_TRUE(with_id(run(snapshot, {delta}), "link.errors_rising").empty());
}

TEST(LinkFindings, WithoutIntervalTheCheckIsSkipped) {
    Snapshot snapshot;
    snapshot.links = {make_link(2, "eth0", kHealthy)};
    LinkDelta delta = delta_for(2, "eth0");
    delta.stats.rx_errors = 9;
    const auto diagnosis = run(snapshot, {delta}, false);
    EXPECT_TRUE(with_id(diagnosis, "link.errors_rising").empty());
    ASSERT_EQ(diagnosis.skipped.size(), 1u);
    EXPECT_EQ(diagnosis.skipped[0].check, "link.errors_rising");
    EXPECT_NE(diagnosis.skipped[0].reason.find("--interval"), std::string::npos);
}

}  // namespace
}  // namespace netlens::iface
