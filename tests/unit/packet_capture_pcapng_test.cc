// pcapng files built block by block from the specification, read by CaptureReader and by
// libpcap, or by tshark where libpcap refuses (interfaces of different link types, a
// second section in the other byte order).
#include <gtest/gtest.h>

#include <algorithm>

#include "packet/capture_reader.h"
#include "packet_capture_fixtures.h"

namespace netlens::packet {
namespace {

using testing::ByteWriter;
using testing::PcapngInterface;

void expect_same_as(const testing::OurRead& ours, const std::vector<testing::OraclePacket>& oracle,
                    bool compare_bytes) {
    ASSERT_FALSE(ours.error.has_value()) << ours.error->message;
    ASSERT_EQ(ours.open_error, "");
    ASSERT_EQ(ours.packets.size(), oracle.size());
    for (std::size_t i = 0; i < oracle.size(); ++i) {
        const auto& packet = ours.packets[i];
        EXPECT_EQ(packet.number, i + 1);
        if (oracle[i].has_timestamp) {
            EXPECT_EQ(packet.timestamp_ns, oracle[i].timestamp_ns) << "packet " << i + 1;
        }
        EXPECT_EQ(packet.data.size(), oracle[i].captured) << "packet " << i + 1;
        EXPECT_EQ(packet.original_length, oracle[i].original) << "packet " << i + 1;
        if (compare_bytes) {
            EXPECT_TRUE(std::equal(packet.data.begin(), packet.data.end(), oracle[i].data.begin(),
                                   oracle[i].data.end()));
        } else {
            EXPECT_EQ(packet.interface, oracle[i].interface) << "packet " << i + 1;
        }
    }
}

void expect_same_as_libpcap(const std::vector<std::byte>& file) {
    const testing::TempFile temp(file, ".pcapng");
    const auto oracle = testing::read_with_libpcap(temp.path());
    ASSERT_EQ(oracle.error, "");
    expect_same_as(testing::read_with_reader(file, temp.path()), oracle.packets, true);
}

void expect_same_as_tshark(const std::vector<std::byte>& file) {
    if (!testing::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    const testing::TempFile temp(file, ".pcapng");
    expect_same_as(testing::read_with_reader(file, temp.path()), testing::read_with_tshark(temp.path()),
                   false);
}

// A section with one Ethernet interface and every kind of packet block among blocks that
// must be skipped: name resolution, interface statistics and an unknown type.
std::vector<std::byte> every_block(bool big_endian, int tsresol, std::int64_t tsoffset = 0) {
    ByteWriter file{.big_endian = big_endian};
    testing::pcapng_section(file);
    testing::pcapng_interface(file, {.link_type = 1, .snaplen = 60, .tsresol = tsresol,
                                     .tsoffset = tsoffset, .name = "eth0"});
    const std::uint64_t base = 1'700'000'000ull * 1'000'000ull + 123'456;
    testing::pcapng_enhanced_packet(file, 0, base, testing::ethernet_frame(6, 1, 80, 6, 1));
    testing::pcapng_block(file, 4, std::vector<std::byte>(8));  // name resolution
    testing::pcapng_obsolete_packet(file, 0, base + 77'777, testing::ethernet_frame(17, 2, 53, 2, 2));
    testing::pcapng_block(file, 5, std::vector<std::byte>(12));  // interface statistics
    testing::pcapng_block(file, 0x12345678, std::vector<std::byte>(4));  // unknown
    // Simple packet: 70 bytes on the wire, cut to the interface's snaplen of 60.
    auto frame = testing::ethernet_frame(6, 3, 80, 16, 3);
    frame.resize(60);
    testing::pcapng_simple_packet(file, frame, 70);
    testing::pcapng_enhanced_packet(file, 0, base + 999'999'999, testing::ethernet_frame(6, 4, 80, 0, 4), 1514);
    return file.bytes;
}

TEST(CapturePcapng, LittleEndianEveryBlockKindMatchesLibpcap) { expect_same_as_libpcap(every_block(false, -1)); }

TEST(CapturePcapng, BigEndianEveryBlockKindMatchesLibpcap) { expect_same_as_libpcap(every_block(true, -1)); }

TEST(CapturePcapng, NanosecondResolutionMatchesLibpcap) { expect_same_as_libpcap(every_block(false, 9)); }

TEST(CapturePcapng, PowerOfTwoResolutionMatchesLibpcap) {
    expect_same_as_libpcap(every_block(true, 0x80 | 20));
}

TEST(CapturePcapng, FinerThanNanosecondsMatchesLibpcap) { expect_same_as_libpcap(every_block(false, 12)); }

TEST(CapturePcapng, TimestampOffsetMatchesTshark) { expect_same_as_tshark(every_block(false, 9, 3600)); }

TEST(CapturePcapng, ResolutionsAndOffsetWorkedOutByHand) {
    ByteWriter file;
    testing::pcapng_section(file);
    testing::pcapng_interface(file, {.tsresol = 0x80 | 1});             // half seconds
    testing::pcapng_interface(file, {.tsresol = 3, .tsoffset = -10});    // milliseconds, 10 s back
    testing::pcapng_enhanced_packet(file, 0, 3, testing::ethernet_frame(6, 1, 2, 0));  // 1.5 s
    testing::pcapng_enhanced_packet(file, 1, 12'345, testing::ethernet_frame(6, 1, 2, 0));  // 12.345 s - 10 s
    const auto ours = testing::read_with_reader(file.bytes, "t.pcapng");
    ASSERT_EQ(ours.packets.size(), 2u);
    EXPECT_EQ(ours.packets[0].timestamp_ns, 1'500'000'000);
    EXPECT_EQ(ours.packets[1].timestamp_ns, 2'345'000'000);
    EXPECT_EQ(ours.packets[1].interface, 1u);
    // Section header 28; interfaces 32 (tsresol) and 44 (tsresol, tsoffset).
    EXPECT_EQ(ours.packets[0].file_offset, 28u + 32 + 44);
}

TEST(CapturePcapng, InterfacesOfDifferentLinkTypesMatchTshark) {
    ByteWriter file;
    testing::pcapng_section(file);
    testing::pcapng_interface(file, {.link_type = 1, .tsresol = 9});
    testing::pcapng_interface(file, {.link_type = 101, .tsresol = 6});
    testing::pcapng_enhanced_packet(file, 0, 1'700'000'000'123'456'789ull, testing::ethernet_frame(6, 1, 80, 3));
    testing::pcapng_enhanced_packet(file, 1, 1'700'000'000'123'457ull, testing::raw_ip_packet(17, 5, 53, 9));
    testing::pcapng_enhanced_packet(file, 0, 1'700'000'001'000'000'001ull, testing::ethernet_frame(6, 2, 80, 1));
    expect_same_as_tshark(file.bytes);
    const auto ours = testing::read_with_reader(file.bytes, "two.pcapng");
    ASSERT_EQ(ours.packets.size(), 3u);
    EXPECT_EQ(ours.packets[0].link_type, LinkType::ethernet);
    EXPECT_EQ(ours.packets[1].link_type, LinkType::raw);
}

TEST(CapturePcapng, EverySectionStartsItsOwnInterfacesInItsOwnByteOrder) {
    ByteWriter little;
    testing::pcapng_section(little);
    testing::pcapng_interface(little, {.link_type = 1});
    testing::pcapng_interface(little, {.link_type = 1});
    testing::pcapng_enhanced_packet(little, 1, 1'700'000'000'000'001ull, testing::ethernet_frame(6, 1, 80, 0));
    ByteWriter big{.big_endian = true};
    testing::pcapng_section(big);
    testing::pcapng_interface(big, {.link_type = 101, .tsresol = 9});
    testing::pcapng_enhanced_packet(big, 0, 1'700'000'002'000'000'002ull, testing::raw_ip_packet(6, 1, 80, 5));
    auto file = little.bytes;
    file.insert(file.end(), big.bytes.begin(), big.bytes.end());
    expect_same_as_tshark(file);
    const auto ours = testing::read_with_reader(file, "sections.pcapng");
    ASSERT_EQ(ours.packets.size(), 2u);
    EXPECT_EQ(ours.packets[1].interface, 0u);
    EXPECT_EQ(ours.packets[1].link_type, LinkType::raw);

    // Interface 1 of the first section does not exist in the second.
    ByteWriter stale{.big_endian = true};
    testing::pcapng_enhanced_packet(stale, 1, 0, testing::raw_ip_packet(6, 1, 80, 0));
    file.insert(file.end(), stale.bytes.begin(), stale.bytes.end());
    const auto damaged = testing::read_with_reader(file, "sections.pcapng");
    EXPECT_EQ(damaged.packets.size(), 2u);
    ASSERT_TRUE(damaged.error.has_value());
    EXPECT_EQ(damaged.error->message,
              "sections.pcapng: packet 3 at offset " + std::to_string(little.bytes.size() + big.bytes.size()) +
                  ": enhanced packet block names interface 1 but its section describes 1");
}

// every_block() with one word overwritten, or cut at `at`.
testing::OurRead read_damaged(std::vector<std::byte> file, std::size_t at, std::uint32_t value,
                              bool cut = false) {
    if (cut) {
        file.resize(at);
    } else {
        ByteWriter word;
        word.u32(value);
        std::copy(word.bytes.begin(), word.bytes.end(), file.begin() + static_cast<std::ptrdiff_t>(at));
    }
    return testing::read_with_reader(file, "bad.pcapng");
}

TEST(CapturePcapng, DamageStopsWithOffsetAndPacketNumber) {
    const auto file = every_block(false, -1);
    // Offsets worked out from the layout: section header 28, interface 32 (8 fixed, eth0
    // option 8, end of options 4, frame 12), first enhanced packet 32 + 60 = 92.
    const std::size_t first_packet = 28 + 32;
    const std::size_t second_block = first_packet + 92;  // the name resolution block
    struct Case {
        std::size_t at;
        std::uint32_t value;
        bool cut;
        std::uint64_t number;
        std::size_t offset;
        std::string message;
    };
    const std::vector<Case> cases = {
        {first_packet + 4, 90, false, 1, first_packet, "block total length 90 is not a multiple of 4"},
        {first_packet + 4, 8, false, 1, first_packet, "block total length 8 is below 12"},
        {first_packet + 4, 0x40000000, false, 1, first_packet,
         "block total length 1073741824 exceeds maximum 16777216"},
        {first_packet + 4, 96, false, 1, first_packet, "block total length 96 does not match its trailing copy 4"},
        {first_packet + 8, 3, false, 1, first_packet,
         "enhanced packet block names interface 3 but its section describes 1"},
        {first_packet + 20, 61, false, 1, first_packet,
         "captured length 61 runs past its enhanced packet block of 92 bytes"},
        {second_block + 18, 0, true, 2, second_block, "block of 20 bytes cut short (18 left in the file)"},
        {second_block + 6, 0, true, 2, second_block, "block header cut short (6 of 12 bytes)"},
        {first_packet + 24 + 50, 0, true, 1, first_packet, "block of 92 bytes cut short (74 left in the file)"},
    };
    for (const auto& test : cases) {
        const auto ours = read_damaged(file, test.at, test.value, test.cut);
        EXPECT_EQ(ours.packets.size(), test.number - 1) << test.message;
        ASSERT_TRUE(ours.error.has_value()) << test.message;
        EXPECT_EQ(ours.error->packet_number, test.number);
        EXPECT_EQ(ours.error->offset, test.offset);
        EXPECT_EQ(ours.error->message, "bad.pcapng: packet " + std::to_string(test.number) + " at offset " +
                                           std::to_string(test.offset) + ": " + test.message);
    }
}

TEST(CapturePcapng, LibpcapAlsoStopsAtACutBlock) {
    auto file = every_block(false, -1);
    file.resize(file.size() - 10);  // the last enhanced packet block is cut
    const testing::TempFile temp(file, ".pcapng");
    const auto oracle = testing::read_with_libpcap(temp.path());
    EXPECT_NE(oracle.error, "");
    const auto ours = testing::read_with_reader(file, temp.path());
    EXPECT_EQ(ours.packets.size(), oracle.packets.size());
    EXPECT_EQ(ours.packets.size(), 3u);
    EXPECT_TRUE(ours.error.has_value());
}

TEST(CapturePcapng, CustomBlocksAreSkippedAndNumbersStayContiguous) {
    ByteWriter file;
    testing::pcapng_section(file);
    testing::pcapng_interface(file, {});
    testing::pcapng_enhanced_packet(file, 0, 1, testing::ethernet_frame(6, 1, 2, 0));
    ByteWriter custom;
    custom.u32(32473).u32(0xdeadbeef);  // private enterprise number, then its data
    testing::pcapng_block(file, 0x00000bad, custom.bytes);
    testing::pcapng_block(file, 0x40000bad, custom.bytes);
    testing::pcapng_enhanced_packet(file, 0, 2, testing::ethernet_frame(6, 1, 2, 0));
    const auto ours = testing::read_with_reader(file.bytes, "custom.pcapng");
    EXPECT_FALSE(ours.error.has_value());
    ASSERT_EQ(ours.packets.size(), 2u);
    EXPECT_EQ(ours.packets[1].number, 2u);
}

TEST(CapturePcapng, ASimplePacketNeedsInterfaceZero) {
    ByteWriter file;
    testing::pcapng_section(file);
    testing::pcapng_simple_packet(file, testing::ethernet_frame(6, 1, 2, 0), 54);
    const auto ours = testing::read_with_reader(file.bytes, "spb.pcapng");
    ASSERT_TRUE(ours.error.has_value());
    EXPECT_EQ(ours.error->message, "spb.pcapng: packet 1 at offset 28: simple packet block before any interface");
}

TEST(CapturePcapng, AnInterfaceOptionPastItsBlockIsAnError) {
    ByteWriter file;
    testing::pcapng_section(file);
    ByteWriter body;
    body.u16(1).u16(0).u32(0).u16(2).u16(200);  // if_name of 200 bytes in a 12-byte body
    testing::pcapng_block(file, 1, body.bytes);
    const auto ours = testing::read_with_reader(file.bytes, "idb.pcapng");
    ASSERT_TRUE(ours.error.has_value());
    EXPECT_EQ(ours.error->message, "idb.pcapng: packet 1 at offset 44: interface option 2 of 200 bytes runs past its block");
}

TEST(CapturePcapng, InterfaceNamesAreKept) {
    const auto file = every_block(true, -1);
    auto reader = CaptureReader::open(file, "names.pcapng");
    ASSERT_TRUE(reader.ok());
    CapturedPacket packet;
    ASSERT_TRUE(reader->next(packet));
    ASSERT_EQ(reader->interfaces().size(), 1u);
    EXPECT_EQ(reader->interfaces()[0].name, "eth0");
    EXPECT_EQ(reader->interfaces()[0].snaplen, 60u);
}

TEST(CapturePcapng, ABadByteOrderMagicIsRefused) {
    ByteWriter file;
    testing::pcapng_section(file);
    file.bytes[8] = std::byte{0};
    EXPECT_NE(testing::read_with_reader(file.bytes, "bom.pcapng").open_error.find("byte-order magic"),
              std::string::npos);
}

}  // namespace
}  // namespace netlens::packet
