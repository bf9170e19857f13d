// BPF filters through libpcap's compiler: the packets passing "tcp port 80" are the ones
// tcpdump prints for the same file and expression, and tshark's "tcp.port == 80" on a
// pcapng whose interfaces are Ethernet and raw IP.
#include <gtest/gtest.h>

#include "packet/capture_reader.h"
#include "packet/packet_filter.h"
#include "packet_capture_fixtures.h"

namespace netlens::packet {
namespace {

std::size_t count_passing(const std::vector<std::byte>& file, PacketFilter& filter) {
    auto reader = CaptureReader::open(file, "filter");
    EXPECT_TRUE(reader.ok());
    std::size_t passing = 0;
    CapturedPacket packet;
    while (reader->next(packet)) {
        const auto verdict = filter.matches(packet);
        EXPECT_TRUE(verdict.has_value());
        passing += verdict.value_or(false) ? 1 : 0;
    }
    return passing;
}

std::vector<std::byte> mixed_ports() {
    std::vector<testing::PcapRecord> records;
    const std::uint16_t ports[] = {80, 443, 53, 8080, 80, 22};
    for (std::uint8_t i = 0; i < 60; ++i) {
        const auto port = ports[i % 6];
        const std::uint8_t protocol = i % 4 == 3 ? 17 : 6;  // some UDP port 80 too
        records.push_back({.seconds = 1'700'000'000u + i,
                           .data = i % 2 ? testing::ethernet_frame(protocol, 50000, port, i, i)
                                         : testing::ethernet_frame(protocol, port, 50000, i, i)});
    }
    return testing::pcap_file(false, false, 65535, 1, records);
}

TEST(PacketFilter, TcpPort80PassesWhatTcpdumpPrints) {
    if (!testing::have_program("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
    const auto file = mixed_ports();
    const testing::TempFile temp(file);
    const auto tcpdump = testing::output_lines("tcpdump -n -r " + temp.path() + " 'tcp port 80' 2>/dev/null");
    auto filter = PacketFilter::compile("tcp port 80");
    ASSERT_TRUE(filter.ok()) << filter.error().message;
    const auto passing = count_passing(file, *filter);
    EXPECT_EQ(passing, tcpdump.size());
    EXPECT_GT(passing, 0u);
    EXPECT_LT(passing, 60u);
}

TEST(PacketFilter, EachLinkTypeGetsItsOwnProgramAsTsharkAgrees) {
    if (!testing::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    testing::ByteWriter file;
    testing::pcapng_section(file);
    testing::pcapng_interface(file, {.link_type = 1});
    testing::pcapng_interface(file, {.link_type = 101});
    for (std::uint8_t i = 0; i < 20; ++i) {
        const std::uint16_t port = i % 3 == 0 ? 80 : 443;
        if (i % 2 == 0) {
            testing::pcapng_enhanced_packet(file, 0, i, testing::ethernet_frame(6, 1234, port, i, i));
        } else {
            testing::pcapng_enhanced_packet(file, 1, i, testing::raw_ip_packet(6, port, 1234, i, i));
        }
    }
    const testing::TempFile temp(file.bytes, ".pcapng");
    const auto tshark = testing::output_lines("tshark -r " + temp.path() + " -Y 'tcp.port == 80' 2>/dev/null");
    auto filter = PacketFilter::compile("tcp port 80");
    ASSERT_TRUE(filter.ok());
    EXPECT_EQ(count_passing(file.bytes, *filter), tshark.size());
    EXPECT_EQ(tshark.size(), 7u);  // i = 0, 3, ..., 18
}

TEST(PacketFilter, ABadExpressionNamesItAndLibpcapsReason) {
    auto filter = PacketFilter::compile("tcp prot 80");
    ASSERT_FALSE(filter.ok());
    EXPECT_EQ(filter.error().message.rfind("filter \"tcp prot 80\": ", 0), 0u) << filter.error().message;
    EXPECT_NE(filter.error().message.find("syntax error"), std::string::npos) << filter.error().message;
}

TEST(PacketFilter, AnExpressionMeaninglessForALinkTypeSaysSo) {
    auto filter = PacketFilter::compile("ether host 02:02:02:02:02:02");
    ASSERT_TRUE(filter.ok());
    CapturedPacket packet;
    const auto raw = testing::raw_ip_packet(6, 80, 1, 0);
    packet.link_type = LinkType::raw;
    packet.data = raw;
    packet.original_length = static_cast<std::uint32_t>(raw.size());
    EXPECT_FALSE(filter->matches(packet).has_value());
    ASSERT_TRUE(filter->error().has_value());
    EXPECT_NE(filter->error()->message.find("link type 101"), std::string::npos) << filter->error()->message;
    const auto frame = testing::ethernet_frame(6, 80, 1, 0);
    packet.link_type = LinkType::ethernet;
    packet.data = frame;
    EXPECT_EQ(filter->matches(packet), std::optional<bool>(true));  // the destination is 02:02:...
}

}  // namespace
}  // namespace netlens::packet
