// pcap files in every byte order and timestamp unit, read by CaptureReader and by libpcap
// (or tshark, where libpcap cuts records down) — both must see the same packets.
#include <gtest/gtest.h>

#include <algorithm>

#include "packet/capture_reader.h"
#include "packet_capture_fixtures.h"

namespace netlens::packet {
namespace {

using testing::OraclePacket;
using testing::PcapRecord;

std::vector<PcapRecord> sample_records(std::uint32_t fraction_scale) {
    std::vector<PcapRecord> records;
    for (std::uint8_t i = 0; i < 5; ++i) {
        PcapRecord record;
        record.seconds = 1'700'000'000u + i;
        record.fraction = (123'456u + i * 111'111u) * fraction_scale % (1'000'000u * fraction_scale);
        record.data = testing::ethernet_frame(i % 2 == 0 ? 6 : 17, 1000 + i, 80, 10u * i, i);
        records.push_back(std::move(record));
    }
    return records;
}

void expect_same_as_libpcap(const std::vector<std::byte>& file, LinkType link_type) {
    const testing::TempFile temp(file);
    const auto oracle = testing::read_with_libpcap(temp.path());
    ASSERT_EQ(oracle.error, "");
    const auto ours = testing::read_with_reader(file, temp.path());
    ASSERT_EQ(ours.open_error, "");
    ASSERT_FALSE(ours.error.has_value()) << ours.error->message;
    ASSERT_EQ(ours.packets.size(), oracle.packets.size());
    for (std::size_t i = 0; i < ours.packets.size(); ++i) {
        const auto& packet = ours.packets[i];
        const auto& expected = oracle.packets[i];
        EXPECT_EQ(packet.number, i + 1);
        EXPECT_EQ(packet.interface, 0u);
        EXPECT_EQ(packet.link_type, link_type);
        EXPECT_EQ(packet.timestamp_ns, expected.timestamp_ns) << "packet " << i + 1;
        EXPECT_EQ(packet.data.size(), expected.captured);
        EXPECT_EQ(packet.original_length, expected.original);
        EXPECT_TRUE(std::equal(packet.data.begin(), packet.data.end(), expected.data.begin(),
                               expected.data.end()));
    }
}

TEST(CapturePcap, LittleEndianMicrosecondsMatchLibpcap) {
    expect_same_as_libpcap(testing::pcap_file(false, false, 65535, 1, sample_records(1)), LinkType::ethernet);
}

TEST(CapturePcap, BigEndianMicrosecondsMatchLibpcap) {
    expect_same_as_libpcap(testing::pcap_file(true, false, 65535, 1, sample_records(1)), LinkType::ethernet);
}

TEST(CapturePcap, LittleEndianNanosecondsMatchLibpcap) {
    expect_same_as_libpcap(testing::pcap_file(false, true, 262144, 1, sample_records(1000)),
                           LinkType::ethernet);
}

TEST(CapturePcap, BigEndianNanosecondsMatchLibpcap) {
    expect_same_as_libpcap(testing::pcap_file(true, true, 262144, 1, sample_records(1000)),
                           LinkType::ethernet);
}

TEST(CapturePcap, FcsBitsInTheLinkTypeFieldAreNotTheLinkType) {
    // Bit 26 says an FCS length is present, bits 28-31 give it (4 bytes).
    const std::uint32_t field = 1u | 0x04000000u | 4u << 28;
    expect_same_as_libpcap(testing::pcap_file(false, false, 65535, field, sample_records(1)),
                           LinkType::ethernet);
}

TEST(CapturePcap, RawIpLinkTypeAndTimestampsByHand) {
    // 1.5 s after the epoch plus 7 us: 1'000'007'000 + 500'000'000 ns, worked out by hand.
    const auto file = testing::pcap_file(true, false, 96, 101,
                                         {{.seconds = 1, .fraction = 500'007, .data = testing::raw_ip_packet(17, 53, 53, 4)}});
    const auto ours = testing::read_with_reader(file, "raw.pcap");
    ASSERT_EQ(ours.packets.size(), 1u);
    EXPECT_EQ(ours.packets[0].link_type, LinkType::raw);
    EXPECT_EQ(ours.packets[0].timestamp_ns, 1'500'007'000);
    EXPECT_EQ(ours.packets[0].file_offset, 24u);
    EXPECT_EQ(ours.packets[0].data.size(), 20u + 8u + 4u);
}

TEST(CapturePcap, FileOffsetsPointAtEachRecordHeader) {
    const auto records = sample_records(1);
    const auto file = testing::pcap_file(false, false, 65535, 1, records);
    const auto ours = testing::read_with_reader(file, "offsets.pcap");
    ASSERT_EQ(ours.packets.size(), records.size());
    std::size_t offset = 24;
    for (std::size_t i = 0; i < records.size(); ++i) {
        EXPECT_EQ(ours.packets[i].file_offset, offset);
        offset += 16 + records[i].data.size();
    }
}

TEST(CapturePcap, RecordsLongerThanSnaplenAreDeliveredWholeAsTsharkDoes) {
    if (!testing::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    auto records = sample_records(1);
    const auto file = testing::pcap_file(false, false, 40, 1, records);  // every frame is above 40
    const testing::TempFile temp(file);
    const auto oracle = testing::read_with_tshark(temp.path());
    const auto ours = testing::read_with_reader(file, temp.path());
    ASSERT_FALSE(ours.error.has_value());
    ASSERT_EQ(ours.packets.size(), oracle.size());
    for (std::size_t i = 0; i < oracle.size(); ++i) {
        EXPECT_EQ(ours.packets[i].data.size(), oracle[i].captured);
        EXPECT_EQ(ours.packets[i].original_length, oracle[i].original);
        EXPECT_EQ(ours.packets[i].timestamp_ns, oracle[i].timestamp_ns);
    }
}

TEST(CapturePcap, ACutLastRecordIsAnErrorAfterEveryWholeOne) {
    const auto records = sample_records(1);
    auto file = testing::pcap_file(false, false, 65535, 1, records);
    file.resize(file.size() - 3);  // the fifth record loses its last bytes
    const testing::TempFile temp(file);
    const auto oracle = testing::read_with_libpcap(temp.path());
    EXPECT_NE(oracle.error.find("truncated"), std::string::npos) << oracle.error;

    const auto ours = testing::read_with_reader(file, "cut.pcap");
    ASSERT_EQ(ours.packets.size(), oracle.packets.size());
    ASSERT_EQ(ours.packets.size(), 4u);
    ASSERT_TRUE(ours.error.has_value());
    std::size_t fifth = 24;
    for (std::size_t i = 0; i < 4; ++i) fifth += 16 + records[i].data.size();
    EXPECT_EQ(ours.error->offset, fifth);
    EXPECT_EQ(ours.error->packet_number, 5u);
    EXPECT_NE(ours.error->message.find("cut.pcap: packet 5 at offset " + std::to_string(fifth) + ": "),
              std::string::npos)
        << ours.error->message;
}

TEST(CapturePcap, ACutRecordHeaderIsAnError) {
    auto file = testing::pcap_file(false, false, 65535, 1, sample_records(1));
    file.resize(24 + 16 + 14 + 20 + 20 + 5);  // first record whole, second header cut
    const auto ours = testing::read_with_reader(file, "cut.pcap");
    EXPECT_EQ(ours.packets.size(), 1u);
    ASSERT_TRUE(ours.error.has_value());
    EXPECT_EQ(ours.error->packet_number, 2u);
    EXPECT_EQ(ours.error->offset, 24u + 16 + 54);
}

TEST(CapturePcap, ARecordLongerThanTheMaximumIsAnErrorAsInLibpcap) {
    auto records = sample_records(1);
    auto file = testing::pcap_file(false, false, 65535, 1, records);
    // Second record's captured length (offset 24 + 16 + 54 + 8) set to 300000.
    testing::ByteWriter length;
    length.u32(300000);
    std::copy(length.bytes.begin(), length.bytes.end(), file.begin() + 24 + 16 + 54 + 8);
    const testing::TempFile temp(file);
    const auto oracle = testing::read_with_libpcap(temp.path());
    EXPECT_EQ(oracle.packets.size(), 1u);
    EXPECT_NE(oracle.error, "");

    const auto ours = testing::read_with_reader(file, "big.pcap");
    EXPECT_EQ(ours.packets.size(), 1u);
    ASSERT_TRUE(ours.error.has_value());
    EXPECT_EQ(ours.error->message,
              "big.pcap: packet 2 at offset 94: record length 300000 exceeds maximum 262144 (snaplen 65535)");
}

TEST(CapturePcap, AnEmptyCaptureHasNoPacketsAndNoError) {
    const auto file = testing::pcap_file(false, false, 65535, 1, {});
    const auto ours = testing::read_with_reader(file, "empty.pcap");
    EXPECT_EQ(ours.open_error, "");
    EXPECT_TRUE(ours.packets.empty());
    EXPECT_FALSE(ours.error.has_value());
}

TEST(CapturePcap, ACutFileHeaderOrWrongVersionIsRefusedAtOpen) {
    auto file = testing::pcap_file(false, false, 65535, 1, {});
    auto cut = file;
    cut.resize(20);
    EXPECT_NE(testing::read_with_reader(cut, "cut.pcap").open_error.find("cut.pcap: packet 1 at offset 0: pcap file header cut short"),
              std::string::npos);
    file[4] = std::byte{3};  // version 3.4
    EXPECT_NE(testing::read_with_reader(file, "v3.pcap").open_error.find("pcap version 3.4"),
              std::string::npos);
}

TEST(CaptureReader, AnythingElseIsNamedWithItsFirstBytes) {
    const std::string text = "GET / HTTP/1.1\r\n";
    const auto ours = testing::read_with_reader(std::as_bytes(std::span(text)), "notes.txt");
    EXPECT_EQ(ours.open_error, "notes.txt: not a pcap or pcapng file (first bytes: 47 45 54 20 2f 20 48 54)");
    EXPECT_EQ(testing::read_with_reader({}, "empty").open_error,
              "empty: not a pcap or pcapng file (the file is empty)");
}

TEST(CaptureReader, CompressedBytesInMemoryAreRefusedWithWhatToRun) {
    const std::vector<std::byte> gzip{std::byte{0x1f}, std::byte{0x8b}, std::byte{8}, std::byte{0}};
    EXPECT_NE(testing::read_with_reader(gzip, "t.pcap.gz").open_error.find("zcat"), std::string::npos);
}

}  // namespace
}  // namespace netlens::packet
