// TCP (RFC 9293, 7323, 2018), UDP (RFC 768), ICMP (RFC 792) and ICMPv6 (RFC 4443)
// headers decoded from hand-laid bytes.
#include "packet/decode/decode.h"
#include "packet_decode_test_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

// MSS 1460, SACK permitted, timestamps 0x11223344/0x55667788, NOP, window scale 7.
Frame syn_options() {
    return bytes({2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 1, 3, 3, 7});
}

TEST(PacketDecodeTcp, FixedHeaderAndHandshakeOptions) {
    Tcp spec;
    spec.flags = 0x1c2;  // NS, CWR, ECE... and SYN
    spec.options = syn_options();
    const Packet packet = decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec))));
    ASSERT_FALSE(packet.malformed);
    const TcpHeader& header = packet.tcp;
    EXPECT_EQ(header.source_port, 40000);
    EXPECT_EQ(header.destination_port, 443);
    EXPECT_EQ(header.seq, 0x01020304u);
    EXPECT_EQ(header.ack, 0xa0b0c0d0u);
    EXPECT_EQ(header.flags, kTcpNs | kTcpCwr | kTcpEce | kTcpSyn);
    EXPECT_EQ(header.window, 501);
    EXPECT_EQ(header.checksum, 0xbeef);
    EXPECT_EQ(header.header_length, 40);
    EXPECT_TRUE(header.options.has_mss);
    EXPECT_EQ(header.options.mss, 1460);
    EXPECT_TRUE(header.options.sack_permitted);
    EXPECT_TRUE(header.options.has_timestamps);
    EXPECT_EQ(header.options.timestamp_value, 0x11223344u);
    EXPECT_EQ(header.options.timestamp_echo, 0x55667788u);
    EXPECT_TRUE(header.options.has_window_scale);
    EXPECT_EQ(header.options.window_scale, 7);
    EXPECT_TRUE(header.payload.empty());
}

TEST(PacketDecodeTcp, SackBlocksUpToFour) {
    Tcp spec;
    Frame options = bytes({1, 1, 5, 34});
    for (std::uint32_t i = 0; i < 4; ++i) {
        put32(options, 1000 * (i + 1));
        put32(options, 1000 * (i + 1) + 500);
    }
    spec.options = options;
    const Packet packet = decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec, filler(3)))));
    ASSERT_FALSE(packet.malformed);
    ASSERT_EQ(packet.tcp.options.sack_block_count, 4);
    EXPECT_EQ(packet.tcp.options.sack_blocks[0].left, 1000u);
    EXPECT_EQ(packet.tcp.options.sack_blocks[3].right, 4500u);
    EXPECT_EQ(packet.tcp.payload.size(), 3u);
    EXPECT_EQ(packet.tcp.segment_length, 3u);
}

TEST(PacketDecodeTcp, AnOptionWithAWrongLengthStopsTheOptionsOnly) {
    Tcp spec;
    spec.options = bytes({2, 4, 0x05, 0xb4, 3, 4, 7, 0});  // window scale claiming 4 bytes
    const Frame frame = ipv4({}, tcp(spec, filler(2)));
    const Packet packet = decode_packet(LinkType::ipv4, view(frame));
    EXPECT_EQ(packet.malformed.layer, DecodeLayer::tcp_options);
    EXPECT_EQ(packet.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(packet.malformed.offset, 20u + 20);
    EXPECT_EQ(packet.tcp.options.mss, 1460);  // read before the bad one
    EXPECT_FALSE(packet.tcp.options.has_window_scale);
    EXPECT_EQ(packet.tcp.payload.size(), 2u);
    // An option length running past the header; a length below 2.
    spec.options = bytes({8, 10, 0, 0});
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec)))).malformed.layer, DecodeLayer::tcp_options);
    spec.options = bytes({254, 1, 0, 0});
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec)))).malformed.layer, DecodeLayer::tcp_options);
}

TEST(PacketDecodeTcp, CutAndImpossibleHeaders) {
    Tcp spec;
    spec.options = syn_options();
    const Frame frame = ipv4({}, tcp(spec));
    const Packet fixed = decode_packet(LinkType::ipv4, view(frame).first(39));
    EXPECT_EQ(fixed.malformed.layer, DecodeLayer::tcp);
    EXPECT_EQ(fixed.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(fixed.malformed.offset, 20u);
    EXPECT_EQ(fixed.transport, Transport::none);
    EXPECT_EQ(fixed.ip.protocol, 6);  // the IP layer before it is kept
    const Packet options = decode_packet(LinkType::ipv4, view(frame).first(50));
    EXPECT_EQ(options.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(options.transport, Transport::tcp);
    EXPECT_EQ(options.tcp.source_port, 40000);
    spec.data_offset_words = 4;
    const Packet small = decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec))));
    EXPECT_EQ(small.malformed.problem, DecodeProblem::invalid);
    // A data offset past the IP payload is impossible, not a cut.
    spec.options = {};
    spec.data_offset_words = 15;
    const Packet past = decode_packet(LinkType::ipv4, view(ipv4({}, tcp(spec))));
    EXPECT_EQ(past.malformed.problem, DecodeProblem::invalid);
}

TEST(PacketDecodeUdp, LengthTrimsThePayload) {
    // UDP says 8 + 4 bytes, the IP payload holds 8 + 6: the last two are not UDP's.
    const Frame frame = ipv4({.protocol = 17}, cat({udp(53, 33000, filler(4)), bytes({0xee, 0xee})}));
    const Packet packet = decode_packet(LinkType::ipv4, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(packet.udp.source_port, 53);
    EXPECT_EQ(packet.udp.destination_port, 33000);
    EXPECT_EQ(packet.udp.length, 12);
    ASSERT_EQ(packet.udp.payload.size(), 4u);
    EXPECT_EQ(packet.udp.payload[3], std::byte{3});
}

TEST(PacketDecodeUdp, BadLengthsAndCuts) {
    const Packet long_length = decode_packet(LinkType::ipv4, view(ipv4({.protocol = 17}, udp(1, 2, filler(4), 40))));
    EXPECT_EQ(long_length.malformed.layer, DecodeLayer::udp);
    EXPECT_EQ(long_length.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(long_length.udp.payload.size(), 4u);
    const Packet short_length = decode_packet(LinkType::ipv4, view(ipv4({.protocol = 17}, udp(1, 2, filler(4), 7))));
    EXPECT_EQ(short_length.malformed.problem, DecodeProblem::invalid);
    const Frame frame = ipv4({.protocol = 17}, udp(1, 2, filler(4)));
    const Packet cut = decode_packet(LinkType::ipv4, view(frame).first(27));
    EXPECT_EQ(cut.malformed.layer, DecodeLayer::udp);
    EXPECT_EQ(cut.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(cut.malformed.offset, 20u);
}

TEST(PacketDecodeIcmp, EchoIsNotAnError) {
    const Packet packet =
        decode_packet(LinkType::ipv4, view(ipv4({.protocol = 1}, icmp(8, 0, 0x00420001, filler(56)))));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.transport, Transport::icmp);
    EXPECT_EQ(packet.icmp.type, 8);
    EXPECT_EQ(packet.icmp.rest, 0x00420001u);
    EXPECT_FALSE(packet.icmp.error);
    EXPECT_FALSE(packet.embedded.present);
    EXPECT_EQ(packet.icmp.payload.size(), 56u);
}

TEST(PacketDecodeIcmp, PortUnreachableQuotesTheUdpPacket) {
    // The router's answer to 198.51.100.7 → 192.0.2.1 about the datagram it sent back.
    Ipv4 quoted_header;
    quoted_header.protocol = 17;
    quoted_header.source = {198, 51, 100, 7};
    quoted_header.destination = {203, 0, 113, 9};
    // Only 8 bytes of the 88-byte datagram are quoted.
    const Frame whole = ipv4(quoted_header, udp(33434, 53, filler(80)));
    const Frame quoted(whole.begin(), whole.begin() + 28);
    const Packet packet = decode_packet(LinkType::ipv4, view(ipv4({.protocol = 1}, icmp(3, 3, 0, quoted))));
    EXPECT_FALSE(packet.malformed);
    EXPECT_TRUE(packet.icmp.error);
    ASSERT_TRUE(packet.embedded.present);
    EXPECT_EQ(packet.embedded.ip.source.to_string(), "198.51.100.7");
    EXPECT_EQ(packet.embedded.ip.destination.to_string(), "203.0.113.9");
    EXPECT_EQ(packet.embedded.ip.protocol, 17);
    EXPECT_EQ(packet.embedded.ip.total_length, 108u);
    ASSERT_TRUE(packet.embedded.has_ports);
    EXPECT_EQ(packet.embedded.source_port, 33434);
    EXPECT_EQ(packet.embedded.destination_port, 53);
    // The flow this packet belongs to is the ICMP one, not the quoted UDP one.
    EXPECT_EQ(packet.transport, Transport::icmp);
    EXPECT_EQ(packet.ip.source.to_string(), "192.0.2.1");
}

TEST(PacketDecodeIcmp, Icmpv6PacketTooBigQuotesTheTcpSegment) {
    Tcp spec;
    spec.seq = 0xcafef00d;
    const Frame original = ipv6(6, tcp(spec, filler(1400)), 1, 9);
    const Frame quoted(original.begin(), original.begin() + 1232 - 48);  // RFC 4443: fit in the minimum MTU
    const Frame frame = ipv6(58, icmp(2, 0, 1280, quoted), 0x99, 1);
    const Packet packet = decode_packet(LinkType::ipv6, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.transport, Transport::icmpv6);
    EXPECT_EQ(packet.icmp.type, 2);
    EXPECT_EQ(packet.icmp.rest, 1280u);  // the MTU
    ASSERT_TRUE(packet.embedded.present);
    EXPECT_EQ(packet.embedded.ip.source.to_string(), "2001:db8::1");
    EXPECT_EQ(packet.embedded.ip.protocol, 6);
    EXPECT_EQ(packet.embedded.source_port, 40000);
    EXPECT_TRUE(packet.embedded.has_tcp_seq);
    EXPECT_EQ(packet.embedded.tcp_seq, 0xcafef00du);
}

TEST(PacketDecodeIcmp, CutHeaderAndCutQuote) {
    const Frame echo = ipv4({.protocol = 1}, icmp(0, 0, 0, filler(8)));
    const Packet cut = decode_packet(LinkType::ipv4, view(echo).first(27));
    EXPECT_EQ(cut.malformed.layer, DecodeLayer::icmp);
    EXPECT_EQ(cut.malformed.problem, DecodeProblem::truncated);
    // Time exceeded quoting only 12 bytes of an IPv4 header.
    const Packet short_quote =
        decode_packet(LinkType::ipv4, view(ipv4({.protocol = 1}, icmp(11, 0, 0, filler(12, 0x45)))));
    EXPECT_TRUE(short_quote.icmp.error);
    EXPECT_FALSE(short_quote.embedded.present);
    EXPECT_EQ(short_quote.malformed.layer, DecodeLayer::embedded_ip);
    EXPECT_EQ(short_quote.malformed.offset, 28u);
    // A whole quoted header but only 2 bytes of UDP.
    const Frame quoted = ipv4({.protocol = 17}, bytes({0x12, 0x34}));
    const Packet no_ports = decode_packet(LinkType::ipv4, view(ipv4({.protocol = 1}, icmp(3, 1, 0, quoted))));
    EXPECT_TRUE(no_ports.embedded.present);
    EXPECT_FALSE(no_ports.embedded.has_ports);
    EXPECT_EQ(no_ports.malformed.layer, DecodeLayer::embedded_transport);
    EXPECT_EQ(no_ports.malformed.offset, 48u);
}

TEST(PacketDecodeReassembled, TransportOfAWholeDatagram) {
    const Frame datagram = udp(53, 4000, filler(3000));
    Packet packet;
    packet.ip.more_fragments = true;
    decode_transport_payload(17, view(datagram), packet);
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(packet.udp.payload.size(), 3000u);
    EXPECT_FALSE(packet.ip.more_fragments);
}

}  // namespace
}  // namespace netlens::packet
