#include "proc/sockstat.h"

#include <gtest/gtest.h>

namespace netlens::proc {
namespace {

TEST(ProcSockstat, ParsesEveryLine) {
    const auto parsed = parse_sockstat(
        "sockets: used 13\nTCP: inuse 1 orphan 4 tw 2 alloc 3 mem 1\nUDP: inuse 0 mem 0\nFRAG: inuse 0 memory 0\n");
    EXPECT_FALSE(parsed.first_bad_line.has_value());
    EXPECT_EQ(sockstat_value(parsed.values, "sockets", "used"), 13);
    EXPECT_EQ(sockstat_value(parsed.values, "TCP", "orphan"), 4);
    EXPECT_EQ(sockstat_value(parsed.values, "TCP", "tw"), 2);
    EXPECT_EQ(sockstat_value(parsed.values, "FRAG", "memory"), 0);
    EXPECT_EQ(sockstat_value(parsed.values, "TCP6", "inuse"), 0);  // absent: zero
}

TEST(ProcSockstat, BadLinesAreNamedAndTheRestKept) {
    const auto parsed = parse_sockstat("TCP: inuse 1\nUDP inuse 2\nRAW: inuse x\nFRAG: inuse 3 memory\nUDPLITE: inuse 5\n");
    ASSERT_TRUE(parsed.first_bad_line.has_value());
    EXPECT_EQ(*parsed.first_bad_line, 2u);
    EXPECT_EQ(sockstat_value(parsed.values, "TCP", "inuse"), 1);
    EXPECT_EQ(sockstat_value(parsed.values, "UDPLITE", "inuse"), 5);
}

}  // namespace
}  // namespace netlens::proc
