// Counter deltas between two snapshots: links matched by index and name, growth per
// field, and a counter that went backwards (driver reset, link re-created) counted as
// no growth rather than as a wrapped-around huge number.
#include "iface/counter_delta.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace netlens::iface {
namespace {

Link link_with_stats(int ifindex, const std::string& name, uint64_t rx_errors, uint64_t tx_dropped,
                     uint64_t rx_bytes = 0) {
    Link link;
    link.ifindex = ifindex;
    link.name = name;
    rtnl_link_stats64 stats{};
    stats.rx_errors = rx_errors;
    stats.tx_dropped = tx_dropped;
    stats.rx_bytes = rx_bytes;
    link.stats = stats;
    return link;
}

TEST(LinkDeltas, GrowthPerField) {
    const std::vector<Link> earlier = {link_with_stats(2, "eth0", 10, 5, 1000)};
    const std::vector<Link> later = {link_with_stats(2, "eth0", 13, 5, 5000)};
    const auto deltas = link_deltas(earlier, later, 2.5);
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].ifindex, 2);
    EXPECT_EQ(deltas[0].name, "eth0");
    EXPECT_DOUBLE_EQ(deltas[0].interval_s, 2.5);
    EXPECT_EQ(deltas[0].stats.rx_errors, 3u);
    EXPECT_EQ(deltas[0].stats.tx_dropped, 0u);
    EXPECT_EQ(deltas[0].stats.rx_bytes, 4000u);
}

TEST(LinkDeltas, CounterResetCountsAsZero) {
    const std::vector<Link> earlier = {link_with_stats(2, "eth0", 1000, 50, 1u << 30)};
    const std::vector<Link> later = {link_with_stats(2, "eth0", 4, 60, 10)};
    const auto deltas = link_deltas(earlier, later, 1);
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].stats.rx_errors, 0u);
    EXPECT_EQ(deltas[0].stats.rx_bytes, 0u);
    EXPECT_EQ(deltas[0].stats.tx_dropped, 10u);
}

TEST(LinkDeltas, OnlyLinksPresentInBothWithTheSameName) {
    const std::vector<Link> earlier = {link_with_stats(1, "lo", 0, 0), link_with_stats(2, "eth0", 0, 0),
                                       link_with_stats(3, "gone", 0, 0)};
    // eth0 was renamed (same index, new name) and a link appeared.
    const std::vector<Link> later = {link_with_stats(1, "lo", 1, 0), link_with_stats(2, "wan0", 9, 0),
                                     link_with_stats(4, "new", 9, 0)};
    const auto deltas = link_deltas(earlier, later, 1);
    ASSERT_EQ(deltas.size(), 1u);
    EXPECT_EQ(deltas[0].name, "lo");
    EXPECT_EQ(deltas[0].stats.rx_errors, 1u);
}

TEST(LinkDeltas, MissingStatsOnEitherSideGiveZeroGrowth) {
    Link without = link_with_stats(2, "eth0", 0, 0);
    without.stats.reset();
    const auto first = link_deltas({without}, {link_with_stats(2, "eth0", 50, 50)}, 1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].stats.rx_errors, 0u);
    const auto second = link_deltas({link_with_stats(2, "eth0", 0, 0)}, {without}, 1);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].stats.tx_dropped, 0u);
}

TEST(LinkDeltas, NicCountersGrowByName) {
    Link before = link_with_stats(2, "eth0", 0, 0);
    before.nic_counters = {{"rx_queue_0_drops", 10}, {"rx_missed", 7}, {"tx_errors", 4}};
    Link after = link_with_stats(2, "eth0", 0, 0);
    // rx_missed unchanged, tx_errors reset, rx_fifo_errors new (was zero, so not listed).
    after.nic_counters = {{"rx_missed", 7}, {"rx_queue_0_drops", 15}, {"tx_errors", 1}, {"rx_fifo_errors", 2}};
    const auto deltas = link_deltas({before}, {after}, 1);
    ASSERT_EQ(deltas.size(), 1u);
    ASSERT_EQ(deltas[0].nic.size(), 2u);
    EXPECT_EQ(deltas[0].nic[0].name, "rx_queue_0_drops");
    EXPECT_EQ(deltas[0].nic[0].value, 5u);
    EXPECT_EQ(deltas[0].nic[1].name, "rx_fifo_errors");
    EXPECT_EQ(deltas[0].nic[1].value, 2u);
}

TEST(LinkDeltas, EveryTableFieldIsSubtracted) {
    rtnl_link_stats64 before{};
    rtnl_link_stats64 after{};
    uint64_t value = 1;
    for (const auto& field : stats_fields()) {
        before.*field.member = 100;
        after.*field.member = 100 + value++;
    }
    Link a;
    a.ifindex = 1;
    a.stats = before;
    Link b = a;
    b.stats = after;
    const auto deltas = link_deltas({a}, {b}, 1);
    ASSERT_EQ(deltas.size(), 1u);
    uint64_t expected = 1;
    for (const auto& field : stats_fields()) {
        EXPECT_EQ(deltas[0].stats.*field.member, expected++) << field.direction << "_" << field.name;
    }
}

TEST(StatsFields, UniqueMembersAndNames) {
    std::set<std::string> names;
    size_t trouble = 0;
    for (const auto& field : stats_fields()) {
        const std::string direction = field.direction;
        EXPECT_TRUE(direction == "rx" || direction == "tx") << direction;
        names.insert(direction + "_" + field.name);
        trouble += field.trouble ? 1 : 0;
    }
    EXPECT_EQ(names.size(), stats_fields().size());
    // Pointers to members have no order, so compare pairwise.
    const auto& fields = stats_fields();
    for (size_t i = 0; i < fields.size(); ++i) {
        for (size_t j = i + 1; j < fields.size(); ++j) {
            EXPECT_FALSE(fields[i].member == fields[j].member) << fields[i].name << " and " << fields[j].name;
        }
    }
    EXPECT_GT(trouble, 0u);
    EXPECT_TRUE(names.count("rx_errors") && names.count("tx_dropped") && names.count("rx_bytes"));
}

TEST(FindDelta, ByIfindex) {
    const auto deltas = link_deltas({link_with_stats(1, "lo", 0, 0), link_with_stats(5, "eth0", 0, 0)},
                                    {link_with_stats(1, "lo", 0, 0), link_with_stats(5, "eth0", 3, 0)}, 1);
    const LinkDelta* found = find_delta(deltas, 5);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->name, "eth0");
    EXPECT_EQ(found->stats.rx_errors, 3u);
    EXPECT_EQ(find_delta(deltas, 6), nullptr);
}

}  // namespace
}  // namespace netlens::iface
