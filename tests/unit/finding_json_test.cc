// A finding's JSON keeps the evidence types: counts are JSON numbers, flags booleans,
// names strings; the fixed keys are always there and netns only when set.
#include "core/finding_json.h"

#include <gtest/gtest.h>

namespace netlens {
namespace {

TEST(FindingJson, EvidenceValuesKeepTheirType) {
    const Finding finding{
        .id = "link.errors_rising",
        .layer = Layer::l1_2,
        .severity = Severity::warning,
        .title = "eth0: error or drop counters rose during the interval",
        .evidence = {{"rx_errors", uint64_t{12}, "rtnetlink"},
                     {"interval_s", 2.5, "clock"},
                     {"lower_up", false, "rtnetlink"},
                     {"state", "UP", "rtnetlink"}},
        .advice = "Look at the ring.",
        .next_command = "ethtool -S eth0",
        .netns = "blue",
    };
    const Json json = to_json(finding);
    const Json& evidence = json.at("evidence");
    ASSERT_EQ(evidence.size(), 4u);
    EXPECT_EQ(evidence[0], (Json{{"key", "rx_errors"}, {"value", 12}, {"source", "rtnetlink"}}));
    EXPECT_TRUE(evidence[0].at("value").is_number_unsigned());
    EXPECT_TRUE(evidence[1].at("value").is_number_float());
    EXPECT_EQ(evidence[1].at("value"), 2.5);
    EXPECT_TRUE(evidence[2].at("value").is_boolean());
    EXPECT_TRUE(evidence[3].at("value").is_string());
    EXPECT_EQ(json.dump(), R"({"id":"link.errors_rising","layer":"l1_2","severity":"warning",)"
                           R"("title":"eth0: error or drop counters rose during the interval","evidence":[)"
                           R"({"key":"rx_errors","value":12,"source":"rtnetlink"},)"
                           R"({"key":"interval_s","value":2.5,"source":"clock"},)"
                           R"({"key":"lower_up","value":false,"source":"rtnetlink"},)"
                           R"({"key":"state","value":"UP","source":"rtnetlink"}],)"
                           R"("advice":"Look at the ring.","next":"ethtool -S eth0","netns":"blue"})");
}

TEST(FindingJson, Skipped) {
    EXPECT_EQ(to_json(Skipped{"raw sockets", "no raw_diag"}),
              (Json{{"check", "raw sockets"}, {"reason", "no raw_diag"}}));
}

}  // namespace
}  // namespace netlens
