// Column alignment as ip/ss print it, with widths that ignore colour escapes and count
// UTF-8 characters rather than bytes.
#include "core/text_table.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/color.h"

namespace netlens {
namespace {

std::string render(const TextTable& table, bool show_header = true) {
    std::ostringstream out;
    table.print(out, show_header);
    return out.str();
}

TEST(VisibleWidth, SkipsEscapesAndCountsCodePoints) {
    EXPECT_EQ(visible_width(""), 0u);
    EXPECT_EQ(visible_width("eth0"), 4u);
    EXPECT_EQ(visible_width("\x1b[31;1mDOWN\x1b[0m"), 4u);
    EXPECT_EQ(visible_width(paint("critical", Tone::bad, true)), 8u);
    EXPECT_EQ(visible_width("na\xc3\xafve"), 5u);        // naïve
    EXPECT_EQ(visible_width("\xe2\x86\x92"), 1u);        // →
    EXPECT_EQ(visible_width("\xf0\x9f\x94\xa5 x"), 3u);  // 4-byte code point, space, x
    EXPECT_EQ(visible_width("\x1b[2"), 0u);              // unterminated escape at the end
}

TEST(TextTable, LeftAndRightAlignment) {
    TextTable table({{"NAME"}, {"MTU", Align::right}, {"STATE"}});
    table.add_row({"lo", "65536", "UNKNOWN"});
    table.add_row({"eth0", "1500", "UP"});
    EXPECT_EQ(render(table),
              "NAME    MTU  STATE\n"
              "lo    65536  UNKNOWN\n"
              "eth0   1500  UP\n");
}

TEST(TextTable, WithoutHeaderWidthsComeFromRows) {
    TextTable table({{"A-VERY-LONG-HEADER"}, {"N", Align::right}});
    table.add_row({"x", "1"});
    table.add_row({"yy", "10"});
    EXPECT_EQ(render(table, false),
              "x    1\n"
              "yy  10\n");
}

TEST(TextTable, ColouredCellsAlignLikePlainOnes) {
    TextTable table({{"DEV"}, {"STATE"}, {"RX", Align::right}});
    table.add_row({"eth0", paint("UP", Tone::good, true), "5"});
    table.add_row({"wlan0", "DOWN", "12"});
    const std::string text = render(table, false);
    EXPECT_EQ(text,
              "eth0   \x1b[32mUP\x1b[0m     5\n"
              "wlan0  DOWN  12\n");
}

TEST(TextTable, Utf8CellsPadByCharacters) {
    TextTable table({{"NAME"}, {"X"}});
    table.add_row({"caf\xc3\xa9", "1"});  // café: 5 bytes, 4 characters
    table.add_row({"abcd", "2"});
    EXPECT_EQ(render(table, false),
              "caf\xc3\xa9  1\n"
              "abcd  2\n");
}

TEST(TextTable, ShortRowsArePaddedAndTrailingSpaceTrimmed) {
    TextTable table({{"A"}, {"B"}, {"C"}});
    table.add_row({"1"});
    table.add_row({"22", "333", ""});
    EXPECT_EQ(render(table),
              "A   B    C\n"
              "1\n"
              "22  333\n");
}

TEST(TextTable, ExtraCellsAreIgnored) {
    TextTable table({{"A"}});
    table.add_row({"1", "surplus"});
    EXPECT_EQ(render(table), "A\n1\n");
}

TEST(TextTable, EmptyTable) {
    TextTable table({{"A"}, {"B", Align::right}});
    EXPECT_TRUE(table.empty());
    EXPECT_EQ(render(table), "A  B\n");
    EXPECT_EQ(render(table, false), "");
    table.add_row({});
    EXPECT_FALSE(table.empty());
}

}  // namespace
}  // namespace netlens
