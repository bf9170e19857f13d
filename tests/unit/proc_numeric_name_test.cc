#include "proc/numeric_name.h"

#include <gtest/gtest.h>

namespace netlens::proc {
namespace {

TEST(ProcNumericName, PidsAndFds) {
    EXPECT_EQ(parse_numeric_name("1"), 1);
    EXPECT_EQ(parse_numeric_name("0"), 0);
    EXPECT_EQ(parse_numeric_name("4194304"), 4194304);
    EXPECT_EQ(parse_numeric_name("2147483647"), 2147483647);
}

TEST(ProcNumericName, OtherEntriesAreSkipped) {
    EXPECT_EQ(parse_numeric_name("self"), std::nullopt);
    EXPECT_EQ(parse_numeric_name("thread-self"), std::nullopt);
    EXPECT_EQ(parse_numeric_name("."), std::nullopt);
    EXPECT_EQ(parse_numeric_name(""), std::nullopt);
    EXPECT_EQ(parse_numeric_name("-1"), std::nullopt);
    EXPECT_EQ(parse_numeric_name("+1"), std::nullopt);
    EXPECT_EQ(parse_numeric_name("12a"), std::nullopt);
    EXPECT_EQ(parse_numeric_name("2147483648"), std::nullopt);  // does not fit an int
}

}  // namespace
}  // namespace netlens::proc
