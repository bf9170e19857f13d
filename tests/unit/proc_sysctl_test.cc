#include "proc/sysctl.h"

#include <gtest/gtest.h>

namespace netlens::proc {
namespace {

TEST(ProcSysctl, PortRangeAsTheKernelWritesIt) {
    const auto range = parse_port_range("32768\t60999\n");
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->low, 32768u);
    EXPECT_EQ(range->high, 60999u);
    EXPECT_EQ(range->size(), 28232u);
}

TEST(ProcSysctl, PortRangeRejectsGarbage) {
    EXPECT_FALSE(parse_port_range("").has_value());
    EXPECT_FALSE(parse_port_range("32768").has_value());
    EXPECT_FALSE(parse_port_range("32768 60999 7").has_value());
    EXPECT_FALSE(parse_port_range("1 70000").has_value());
    EXPECT_FALSE(parse_port_range("a b").has_value());
    EXPECT_EQ(parse_port_range("60999 32768")->size(), 0u);  // inverted: nothing usable
}

TEST(ProcSysctl, ReservedPortsCountOnlyInsideTheRange) {
    const PortRange range{40000, 40099};
    EXPECT_EQ(count_reserved_ports("\n", range), 0u);
    EXPECT_EQ(count_reserved_ports("40000\n", range), 1u);
    EXPECT_EQ(count_reserved_ports("8080,40010-40019,40095-40200\n", range), 15u);
    EXPECT_FALSE(count_reserved_ports("40010-40000", range).has_value());
    EXPECT_FALSE(count_reserved_ports("1,,2", range).has_value());
    EXPECT_FALSE(count_reserved_ports("x", range).has_value());
}

TEST(ProcSysctl, Integers) {
    EXPECT_EQ(parse_integer("2\n"), 2);
    EXPECT_EQ(parse_integer(" 65536 "), 65536);
    EXPECT_EQ(parse_integer("-1"), -1);
    EXPECT_FALSE(parse_integer("2 3").has_value());
    EXPECT_FALSE(parse_integer("").has_value());
}

}  // namespace
}  // namespace netlens::proc
