// Findings from ethtool's link settings on hand-built snapshots: half duplex, and a
// link slower than the fastest other link of its driver; links without carrier, without
// a known speed or alone in their driver say nothing.
#include <gtest/gtest.h>
#include <linux/ethtool.h>
#include <linux/if.h>

#include "findings_test_support.h"
#include "iface/findings.h"
#include "iface_fixtures.h"

namespace netlens::iface {
namespace {

using netlens::test_support::with_id;
using test_support::make_link;
constexpr auto evidence = netlens::test_support::find_evidence;

constexpr uint32_t kUp = IFF_UP | IFF_LOWER_UP | IFF_BROADCAST;

Link nic(int ifindex, const std::string& name, const std::string& driver, uint32_t speed, uint8_t duplex = DUPLEX_FULL,
         uint32_t flags = kUp) {
    Link link = make_link(ifindex, name, flags);
    link.ethtool.emplace();
    link.ethtool->driver = driver;
    link.ethtool->speed_mbps = speed;
    link.ethtool->duplex = duplex;
    link.ethtool->autoneg = AUTONEG_ENABLE;
    return link;
}

Diagnosis run(const Snapshot& snapshot, const std::string& device = "") {
    Diagnosis diagnosis;
    speed_findings(snapshot, device, diagnosis);
    return diagnosis;
}

TEST(SpeedFindings, EqualFullDuplexLinksSayNothing) {
    Snapshot snapshot;
    snapshot.links = {nic(2, "eth0", "ixgbe", 10000), nic(3, "eth1", "ixgbe", 10000)};
    EXPECT_TRUE(run(snapshot).findings.empty());
}

TEST(SpeedFindings, HalfDuplexWithCarrier) {
    Snapshot snapshot;
    snapshot.netns = "blue";
    snapshot.links = {nic(2, "eth0", "e1000", 100, DUPLEX_HALF)};
    const auto found = with_id(run(snapshot), "link.half_duplex");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].layer, Layer::l1_2);
    EXPECT_EQ(found[0].next_command, "ethtool eth0");
    EXPECT_EQ(found[0].netns, "blue");
    ASSERT_NE(evidence(found[0], "duplex"), nullptr);
    EXPECT_EQ(evidence(found[0], "duplex")->value, "Half");
    EXPECT_EQ(evidence(found[0], "duplex")->source, "ethtool");
    EXPECT_EQ(evidence(found[0], "speed_mbps")->value, 100);
    EXPECT_EQ(evidence(found[0], "autoneg")->value, true);
}

TEST(SpeedFindings, NoCarrierNoFinding) {
    Snapshot snapshot;
    snapshot.links = {nic(2, "eth0", "e1000", 100, DUPLEX_HALF, IFF_UP), nic(3, "eth1", "e1000", 10, DUPLEX_FULL, IFF_UP),
                      nic(4, "eth2", "e1000", 1000)};
    EXPECT_TRUE(run(snapshot).findings.empty());
}

TEST(SpeedFindings, OneSlowLinkAmongItsDriversPeers) {
    Snapshot snapshot;
    snapshot.links = {nic(2, "eth0", "ixgbe", 10000), nic(3, "eth1", "ixgbe", 1000), nic(4, "eth2", "ixgbe", 10000),
                      nic(5, "wlan0", "iwlwifi", 300)};
    const auto found = with_id(run(snapshot), "link.slower_than_peers");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].title.find("eth1"), std::string::npos) << found[0].title;
    EXPECT_NE(found[0].title.find("1000Mb/s"), std::string::npos) << found[0].title;
    EXPECT_EQ(evidence(found[0], "speed_mbps")->value, 1000);
    EXPECT_EQ(evidence(found[0], "peer_speed_mbps")->value, 10000);
    EXPECT_EQ(evidence(found[0], "driver")->value, "ixgbe");
    EXPECT_EQ(evidence(found[0], "peers")->value, "eth0,eth2");
    EXPECT_EQ(found[0].next_command, "ethtool eth1");
}

TEST(SpeedFindings, UnknownSpeedsAndOtherDriversAreNotPeers) {
    Snapshot snapshot;
    snapshot.links = {nic(2, "eth0", "ixgbe", 1000), nic(3, "eth1", "ixgbe", static_cast<uint32_t>(SPEED_UNKNOWN)),
                      nic(4, "eth2", "mlx5_core", 25000), make_link(1, "lo", kUp | IFF_LOOPBACK)};
    EXPECT_TRUE(run(snapshot).findings.empty());
}

TEST(SpeedFindings, OneDeviceIsJudgedAgainstAllOthers) {
    Snapshot snapshot;
    snapshot.links = {nic(2, "eth0", "ixgbe", 10000), nic(3, "eth1", "ixgbe", 1000, DUPLEX_HALF),
                      nic(4, "eth2", "ixgbe", 100)};
    EXPECT_EQ(with_id(run(snapshot, "eth1"), "link.slower_than_peers").size(), 1u);
    EXPECT_EQ(with_id(run(snapshot, "eth1"), "link.half_duplex").size(), 1u);
    EXPECT_TRUE(run(snapshot, "eth0").findings.empty());
    EXPECT_EQ(with_id(run(snapshot), "link.slower_than_peers").size(), 2u);
}

}  // namespace
}  // namespace netlens::iface
