#include "packet/byte_cursor.h"

#include <gtest/gtest.h>

#include <array>

namespace netlens::packet {
namespace {

constexpr std::array<std::byte, 6> kBytes{std::byte{0x12}, std::byte{0x34}, std::byte{0x56},
                                          std::byte{0x78}, std::byte{0x9a}, std::byte{0xbc}};

TEST(ByteCursor, ReadsBothByteOrders) {
    ByteCursor big{Bytes{kBytes}};
    EXPECT_EQ(big.u16be(), 0x1234);
    EXPECT_EQ(big.u32be(), 0x56789abcu);
    EXPECT_TRUE(big.ok());
    EXPECT_TRUE(big.empty());

    ByteCursor little{Bytes{kBytes}};
    EXPECT_EQ(little.u16le(), 0x3412);
    EXPECT_EQ(little.u32le(), 0xbc9a7856u);
    EXPECT_TRUE(little.ok());
}

TEST(ByteCursor, AnOverrunConsumesNothingAndStaysFailed) {
    ByteCursor cursor{Bytes{kBytes}};
    EXPECT_EQ(cursor.u32be(), 0x12345678u);
    EXPECT_EQ(cursor.u32be(), 0u);  // two bytes left
    EXPECT_FALSE(cursor.ok());
    EXPECT_EQ(cursor.offset(), 4u);
    EXPECT_EQ(cursor.u8(), 0u);  // failed for good, even though a byte would fit
    EXPECT_TRUE(cursor.take(1).empty());
    EXPECT_FALSE(cursor.skip(0));
}

TEST(ByteCursor, TakeIsAViewIntoTheSameBytes) {
    ByteCursor cursor{Bytes{kBytes}};
    ASSERT_TRUE(cursor.skip(2));
    Bytes middle = cursor.take(3);
    ASSERT_EQ(middle.size(), 3u);
    EXPECT_EQ(middle.data(), kBytes.data() + 2);
    EXPECT_EQ(cursor.rest().size(), 1u);
}

TEST(ByteCursor, ReadsSixtyFourBitValues) {
    constexpr std::array<std::byte, 8> eight{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4},
                                             std::byte{5}, std::byte{6}, std::byte{7}, std::byte{8}};
    ByteCursor big{Bytes{eight}};
    EXPECT_EQ(big.u64be(), 0x0102030405060708ull);
    ByteCursor little{Bytes{eight}};
    EXPECT_EQ(little.u64le(), 0x0807060504030201ull);
}

}  // namespace
}  // namespace netlens::packet
