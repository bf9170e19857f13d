// Which ethtool driver counters count trouble, and how names and values are paired.
#include "iface/nic_counters.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace netlens::iface {
namespace {

TEST(IsTroubleCounter, DropsErrorsMissesOverrunsDiscards) {
    for (const char* name : {"rx_queue_0_drops", "rx_dropped", "tx_dropped", "rx_crc_errors", "tx_errors", "rx_missed",
                             "rx_missed_errors", "rx_fifo_overrun", "tx_discards", "port.rx_discards"}) {
        EXPECT_TRUE(is_trouble_counter(name)) << name;
    }
}

TEST(IsTroubleCounter, IgnoresCase) {
    EXPECT_TRUE(is_trouble_counter("RX_DROPS"));
    EXPECT_TRUE(is_trouble_counter("TxErrors"));
    EXPECT_TRUE(is_trouble_counter("rxMissed"));
}

TEST(IsTroubleCounter, OrdinaryTrafficIsNot) {
    for (const char* name : {"rx_packets", "tx_bytes", "rx_queue_0_packets", "tx_pause", "rx_multicast",
                             "link_state_change", "xdp_redirect", ""}) {
        EXPECT_FALSE(is_trouble_counter(name)) << name;
    }
}

TEST(SelectTroubleCounters, KeepsNonZeroTroubleInDriverOrder) {
    const std::vector<std::string> names = {"rx_packets", "rx_queue_1_drops", "rx_crc_errors",
                                            "tx_bytes",   "rx_queue_0_drops", "tx_errors"};
    const std::vector<uint64_t> values = {1000, 12, 0, 500, 3, 7};
    const auto selected = select_trouble_counters(names, values);
    ASSERT_EQ(selected.size(), 3u);
    EXPECT_EQ(selected[0].name, "rx_queue_1_drops");
    EXPECT_EQ(selected[0].value, 12u);
    EXPECT_EQ(selected[1].name, "rx_queue_0_drops");
    EXPECT_EQ(selected[1].value, 3u);
    EXPECT_EQ(selected[2].name, "tx_errors");
    EXPECT_EQ(selected[2].value, 7u);
}

TEST(SelectTroubleCounters, MismatchedListsUseTheShorter) {
    const std::vector<std::string> names = {"rx_drops", "tx_drops", "rx_errors"};
    const std::vector<uint64_t> values = {1, 2};
    const auto selected = select_trouble_counters(names, values);
    ASSERT_EQ(selected.size(), 2u);
    EXPECT_EQ(selected[1].name, "tx_drops");

    const auto fewer_names = select_trouble_counters({"rx_drops"}, {5, 6, 7});
    ASSERT_EQ(fewer_names.size(), 1u);
    EXPECT_EQ(fewer_names[0].value, 5u);

    EXPECT_TRUE(select_trouble_counters({}, {}).empty());
}

TEST(SelectTroubleCounters, LargeValuesSurvive) {
    const auto selected = select_trouble_counters({"rx_drops"}, {UINT64_MAX});
    ASSERT_EQ(selected.size(), 1u);
    EXPECT_EQ(selected[0].value, UINT64_MAX);
}

}  // namespace
}  // namespace netlens::iface
