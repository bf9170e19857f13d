// IPv4 (RFC 791) and IPv6 (RFC 8200, 2675, 4302) headers decoded from hand-laid bytes.
#include <sys/socket.h>

#include "packet/decode/decode.h"
#include "packet_decode_test_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

TEST(PacketDecodeIpv4, FieldsAndPaddingTrimmedToTheTotalLength) {
    Ipv4 spec;
    spec.ttl = 3;
    spec.protocol = 17;
    spec.id = 0xbeef;
    spec.options = bytes({0x01, 0x01, 0x01, 0x00});  // NOP NOP NOP EOL: IHL 6
    const Frame frame = ethernet(0x0800, ipv4(spec, udp(1, 2, filler(2))));
    ASSERT_EQ(frame.size(), 60u);  // padded: 14 + 24 + 10 = 48 before
    const Packet packet = decode_packet(LinkType::ethernet, view(frame));
    EXPECT_FALSE(packet.malformed);
    const IpHeader& ip = packet.ip;
    EXPECT_EQ(ip.source.family, AF_INET);
    EXPECT_EQ(ip.source.to_string(), "192.0.2.1");
    EXPECT_EQ(ip.destination.to_string(), "198.51.100.7");
    EXPECT_EQ(ip.header_length, 24);
    EXPECT_EQ(ip.total_length, 34u);
    EXPECT_EQ(ip.ttl, 3);
    EXPECT_EQ(ip.id, 0xbeefu);
    EXPECT_TRUE(ip.dont_fragment);
    EXPECT_FALSE(ip.fragmented);
    EXPECT_EQ(ip.protocol, 17);
    EXPECT_EQ(ip.payload.size(), 10u);
    EXPECT_EQ(ip.payload.data(), frame.data() + 14 + 24);
    EXPECT_EQ(packet.udp.payload.size(), 2u);
}

TEST(PacketDecodeIpv4, FragmentFlagsAndOffset) {
    Ipv4 first;
    first.dont_fragment = false;
    first.more_fragments = true;
    first.protocol = 17;
    const Packet head = decode_packet(LinkType::ipv4, view(ipv4(first, udp(53, 9, filler(16), 1000))));
    EXPECT_TRUE(head.ip.fragmented);
    EXPECT_TRUE(head.ip.more_fragments);
    EXPECT_EQ(head.ip.fragment_offset, 0);
    // The first fragment carries the UDP header; its length covers the whole datagram.
    EXPECT_EQ(head.transport, Transport::udp);
    EXPECT_EQ(head.udp.length, 1000);
    EXPECT_FALSE(head.malformed);

    Ipv4 later = first;
    later.more_fragments = false;
    later.offset_bytes = 1480;
    const Frame data = filler(40);
    const Packet tail = decode_packet(LinkType::ipv4, view(ipv4(later, data)));
    EXPECT_TRUE(tail.ip.fragmented);
    EXPECT_FALSE(tail.ip.more_fragments);
    EXPECT_EQ(tail.ip.fragment_offset, 1480);
    EXPECT_EQ(tail.transport, Transport::none);  // no header in a later fragment
    EXPECT_EQ(tail.ip.payload.size(), 40u);
    EXPECT_FALSE(tail.malformed);
}

TEST(PacketDecodeIpv4, BadVersionShortHeaderAndLengthBelowHeader) {
    Frame wrong_version = ipv4({}, tcp({}));
    wrong_version[0] = std::byte{0x55};
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(wrong_version)).malformed.problem, DecodeProblem::invalid);
    Frame ihl_four = ipv4({}, tcp({}));
    ihl_four[0] = std::byte{0x44};
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(ihl_four)).malformed.problem, DecodeProblem::invalid);
    Ipv4 short_total;
    short_total.total_length = 19;
    const Packet below = decode_packet(LinkType::ipv4, view(ipv4(short_total, tcp({}))));
    EXPECT_EQ(below.malformed.layer, DecodeLayer::ipv4);
    EXPECT_EQ(below.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(below.ip.ttl, 64);  // what could be read is kept
    Ipv4 with_options;
    with_options.options = filler(8, 1);
    const Packet cut = decode_packet(LinkType::ipv4, view(ipv4(with_options, tcp({}))).first(24));
    EXPECT_EQ(cut.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(cut.malformed.offset, 0u);
}

TEST(PacketDecodeIpv4, ACaptureCutShortKeepsTheWireLengths) {
    const Frame frame = ipv4({}, tcp({}, filler(1000)));
    const Packet packet = decode_packet(LinkType::ipv4, view(frame).first(60));  // a small snaplen
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.ip.total_length, 1040u);
    EXPECT_EQ(packet.ip.payload_length, 1020u);
    EXPECT_EQ(packet.ip.payload.size(), 40u);
    EXPECT_EQ(packet.tcp.segment_length, 1000u);
    EXPECT_EQ(packet.tcp.payload.size(), 20u);
}

TEST(PacketDecodeIpv4, ZeroTotalLengthFromSegmentationOffloadMeansTheCapture) {
    Ipv4 spec;
    spec.total_length = 0;
    const Packet packet = decode_packet(LinkType::ipv4, view(ipv4(spec, tcp({}, filler(100)))));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.ip.total_length, 140u);
    EXPECT_EQ(packet.tcp.payload.size(), 100u);
}

TEST(PacketDecodeIpv6, FixedHeader) {
    const Frame frame = ipv6(6, tcp({}, filler(5)), 0x11, 0x22);
    const Packet packet = decode_packet(LinkType::ipv6, view(frame));
    EXPECT_FALSE(packet.malformed);
    const IpHeader& ip = packet.ip;
    EXPECT_EQ(ip.version, 6);
    EXPECT_EQ(ip.source.family, AF_INET6);
    EXPECT_EQ(ip.source.to_string(), "2001:db8::11");
    EXPECT_EQ(ip.destination.to_string(), "2001:db8::22");
    EXPECT_EQ(ip.flow_label, 0x12345u);
    EXPECT_EQ(ip.ttl, 61);
    EXPECT_EQ(ip.total_length, 65u);
    EXPECT_EQ(ip.protocol, 6);
    EXPECT_EQ(packet.tcp.payload.size(), 5u);
}

// Hop-by-hop (8 bytes) → routing (24 bytes) → destination options (16) → AH (16 bytes:
// length field 2 → (2+2)*4) → UDP.
Frame extension_chain() {
    Frame chain;
    put(chain, bytes({43, 0, 1, 4, 0, 0, 0, 0}));  // hop-by-hop, PadN
    put(chain, cat({bytes({60, 2, 0, 0}), filler(20)}));
    put(chain, cat({bytes({51, 1}), filler(14)}));
    put(chain, cat({bytes({17, 2, 0, 0}), filler(12)}));
    put(chain, udp(5000, 53, filler(3)));
    return chain;
}

TEST(PacketDecodeIpv6, WalksExtensionHeadersToTheTransport) {
    const Packet packet = decode_packet(LinkType::ipv6, view(ipv6(0, extension_chain())));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.ip.extension_count, 4);
    EXPECT_EQ(packet.ip.header_length, 40 + 8 + 24 + 16 + 16);
    EXPECT_EQ(packet.ip.protocol, 17);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(packet.udp.source_port, 5000);
}

TEST(PacketDecodeIpv6, EspStopsTheWalk) {
    const Frame frame = ipv6(60, cat({bytes({50, 0, 1, 4, 0, 0, 0, 0}), filler(24)}));
    const Packet packet = decode_packet(LinkType::ipv6, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.ip.protocol, kIpProtocolEsp);
    EXPECT_EQ(packet.transport, Transport::other);
    EXPECT_EQ(packet.ip.payload.size(), 24u);
}

TEST(PacketDecodeIpv6, FragmentHeader) {
    // First fragment: offset 0, M set, id 0xdeadbeef; the UDP header follows.
    const Frame first =
        ipv6(44, cat({bytes({17, 0, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef}), udp(53, 7, filler(8), 3000)}));
    const Packet head = decode_packet(LinkType::ipv6, view(first));
    EXPECT_FALSE(head.malformed);
    EXPECT_TRUE(head.ip.fragmented);
    EXPECT_TRUE(head.ip.more_fragments);
    EXPECT_EQ(head.ip.id, 0xdeadbeefu);
    EXPECT_EQ(head.transport, Transport::udp);
    // A later one: offset 1448 (0x5a8 = 181 * 8), no M.
    const Frame later = ipv6(44, cat({bytes({17, 0, 0x05, 0xa8, 0xde, 0xad, 0xbe, 0xef}), filler(16)}));
    const Packet tail = decode_packet(LinkType::ipv6, view(later));
    EXPECT_EQ(tail.ip.fragment_offset, 1448);
    EXPECT_FALSE(tail.ip.more_fragments);
    EXPECT_EQ(tail.ip.protocol, 17);
    EXPECT_EQ(tail.transport, Transport::none);
    EXPECT_EQ(tail.ip.payload.size(), 16u);
}

TEST(PacketDecodeIpv6, JumbogramPayloadIsTheRestOfThePacket) {
    // Hop-by-hop with the jumbo payload option (type 0xc2, length 4).
    const Frame hop = bytes({17, 0, 0xc2, 4, 0, 0, 0, 0});
    const Frame frame = ipv6(0, cat({hop, udp(9, 9, filler(30), 0)}), 1, 2, 0);
    const Packet packet = decode_packet(LinkType::ipv6, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_TRUE(packet.ip.jumbogram);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(packet.udp.payload.size(), 30u);
}

TEST(PacketDecodeIpv6, CutAndImpossibleExtensionHeaders) {
    const Frame frame = ipv6(0, extension_chain());
    // Cut in the routing header (starts at 48): truncated at its offset.
    const Packet cut = decode_packet(LinkType::ipv6, view(frame).first(60));
    EXPECT_EQ(cut.malformed.layer, DecodeLayer::ipv6_extension);
    EXPECT_EQ(cut.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(cut.malformed.offset, 48u);
    EXPECT_EQ(cut.ip.extension_count, 1);
    EXPECT_EQ(cut.transport, Transport::none);
    // A payload length that ends inside the routing header is invalid, not a cut.
    const Frame short_length = ipv6(0, extension_chain(), 1, 2, 16);
    const Packet invalid = decode_packet(LinkType::ipv6, view(short_length));
    EXPECT_EQ(invalid.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(invalid.malformed.offset, 48u);
    EXPECT_EQ(decode_packet(LinkType::ipv6, view(frame).first(39)).malformed.layer, DecodeLayer::ipv6);
    // Seventeen destination-option headers in a row.
    Frame chain;
    for (int i = 0; i < 17; ++i) put(chain, bytes({60, 0, 1, 4, 0, 0, 0, 0}));
    const Packet deep = decode_packet(LinkType::ipv6, view(ipv6(60, chain)));
    EXPECT_EQ(deep.malformed.layer, DecodeLayer::ipv6_extension);
    EXPECT_EQ(deep.malformed.problem, DecodeProblem::invalid);
}

}  // namespace
}  // namespace netlens::packet
