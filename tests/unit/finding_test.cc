#include "core/finding.h"

#include <gtest/gtest.h>

namespace netlens {
namespace {

TEST(Diagnosis, SameSkipIsKeptOnce) {
    Diagnosis diagnosis;
    diagnosis.skip("link.errors_rising", "needs two samples");
    diagnosis.skip("link.errors_rising", "needs two samples");
    diagnosis.skip("link.errors_rising", "another reason");
    EXPECT_EQ(diagnosis.skipped.size(), 2u);
}

TEST(EvidenceKey, OutsideNamesBecomeSnakeCase) {
    EXPECT_EQ(evidence_key("rx_queue_0_drops"), "rx_queue_0_drops");
    EXPECT_EQ(evidence_key("port.rx-Dropped"), "port_rx_dropped");
    EXPECT_EQ(evidence_key("on_veth-a"), "on_veth_a");
}

TEST(Diagnosis, SeverityThreshold) {
    Diagnosis diagnosis;
    EXPECT_FALSE(has_severity_at_least(diagnosis, Severity::info));
    diagnosis.add({.id = "x", .severity = Severity::warning});
    EXPECT_TRUE(has_severity_at_least(diagnosis, Severity::warning));
    EXPECT_FALSE(has_severity_at_least(diagnosis, Severity::critical));
}

}  // namespace
}  // namespace netlens
