#include "trace/present/hex_dump_text.h"

#include <gtest/gtest.h>

#include <string_view>

namespace netlens::trace {
namespace {

std::span<const std::byte> bytes_of(std::string_view text) { return std::as_bytes(std::span(text.data(), text.size())); }

// strace -e trace=write -e write=1 printf 'hello world, this is a long line of data to dump\x01\x02'
TEST(HexDump, SixteenBytesALineAsStrace) {
    const auto lines = hex_dump_lines(bytes_of("hello world, this is a long line of data to dump\x01\x02"));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |");
    EXPECT_EQ(lines[2], " | 00020  20 6f 66 20 64 61 74 61  20 74 6f 20 64 75 6d 70   of data to dump |");
    EXPECT_EQ(lines[3], " | 00030  01 02                                             ..               |");
}

TEST(HexDump, NothingForNoBytes) { EXPECT_TRUE(hex_dump_lines({}).empty()); }

}  // namespace
}  // namespace netlens::trace
