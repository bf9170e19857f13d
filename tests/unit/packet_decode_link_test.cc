// Link layers decoded from frames laid out by hand as their specifications give them
// (IEEE 802.3/802.1Q, tcpdump.org's LINKTYPE_LINUX_SLL/SLL2/NULL/LOOP pages).
#include <sys/socket.h>

#include "packet/decode/decode.h"
#include "packet_decode_test_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

Frame tcp_over_ipv4() { return ipv4({}, tcp({})); }
Frame udp_over_ipv6() { return ipv6(17, udp(53, 5353, filler(4))); }

TEST(PacketDecodeLink, EthernetNamesAddressesAndPassesOnToIpv4) {
    const Frame frame = ethernet(0x0800, tcp_over_ipv4());
    const Packet packet = decode_packet(LinkType::ethernet, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.link.ethertype, 0x0800);
    EXPECT_EQ(packet.link.header_length, 14u);
    ASSERT_EQ(packet.link.destination.size(), 6u);
    EXPECT_EQ(packet.link.destination[0], std::byte{0x02});
    EXPECT_EQ(packet.link.source[5], std::byte{0x01});
    EXPECT_EQ(packet.ip.version, 4);
    EXPECT_EQ(packet.transport, Transport::tcp);
}

TEST(PacketDecodeLink, StackedVlanTagsAreKeptInOrder) {
    const Frame frame = ethernet(0x86dd, udp_over_ipv6(), {{0x88a8, 0x0064}, {0x8100, 0xa00c}, {0x9100, 7}});
    const Packet packet = decode_packet(LinkType::ethernet, view(frame));
    EXPECT_FALSE(packet.malformed);
    ASSERT_EQ(packet.link.vlan_count, 3);
    EXPECT_EQ(packet.link.vlans[0].tpid, 0x88a8);
    EXPECT_EQ(packet.link.vlans[0].id(), 100);
    EXPECT_EQ(packet.link.vlans[1].id(), 12);
    EXPECT_EQ(packet.link.vlans[1].priority(), 5);
    EXPECT_EQ(packet.link.vlans[2].id(), 7);
    EXPECT_EQ(packet.link.ethertype, 0x86dd);
    EXPECT_EQ(packet.link.header_length, 26u);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(packet.udp.destination_port, 5353);
}

TEST(PacketDecodeLink, TooManyVlanTagsIsInvalidAtTheTagPastTheLimit) {
    const Frame frame =
        ethernet(0x0800, tcp_over_ipv4(), {{0x8100, 1}, {0x8100, 2}, {0x8100, 3}, {0x8100, 4}, {0x8100, 5}});
    const Packet packet = decode_packet(LinkType::ethernet, view(frame));
    EXPECT_EQ(packet.malformed.layer, DecodeLayer::vlan);
    EXPECT_EQ(packet.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(packet.malformed.offset, 14u + 4 * 4);
    EXPECT_EQ(name(packet.malformed.layer), "vlan");
    EXPECT_EQ(name(packet.malformed.problem), "invalid");
    EXPECT_EQ(name(DecodeLayer::embedded_transport), "embedded_transport");
    EXPECT_EQ(packet.link.vlan_count, kMaxVlanTags);
    EXPECT_EQ(packet.ip.version, 0);
}

TEST(PacketDecodeLink, CutsAtTheLinkAndVlanLayersAreTruncations) {
    const Frame frame = ethernet(0x0800, tcp_over_ipv4(), {{0x8100, 42}});
    const Packet link = decode_packet(LinkType::ethernet, view(frame).first(13));
    EXPECT_EQ(link.malformed.layer, DecodeLayer::link);
    EXPECT_EQ(link.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(link.malformed.offset, 0u);
    EXPECT_EQ(name(link.malformed.layer), "link");
    EXPECT_EQ(name(link.malformed.problem), "truncated");
    const Packet vlan = decode_packet(LinkType::ethernet, view(frame).first(16));
    EXPECT_EQ(vlan.malformed.layer, DecodeLayer::vlan);
    EXPECT_EQ(vlan.malformed.problem, DecodeProblem::truncated);
    EXPECT_EQ(vlan.malformed.offset, 14u);
    const Packet ip = decode_packet(LinkType::ethernet, view(frame).first(18 + 19));
    EXPECT_EQ(ip.link.vlans[0].id(), 42);
    EXPECT_EQ(ip.malformed.layer, DecodeLayer::ipv4);
    EXPECT_EQ(ip.malformed.offset, 18u);
}

TEST(PacketDecodeLink, An8023LengthFieldEndsTheWalkWithoutAProblem) {
    const Frame frame = ethernet(46, filler(46));
    const Packet packet = decode_packet(LinkType::ethernet, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.link.ethertype, 0);
    EXPECT_EQ(packet.ip.version, 0);
}

TEST(PacketDecodeLink, LinuxCookedV1) {
    // packet type 4 (outgoing), ARPHRD_ETHER, 6-byte address, 2 bytes of padding, IPv4.
    const Frame frame =
        cat({bytes({0, 4, 0, 1, 0, 6, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0, 0, 0x08, 0x00}), tcp_over_ipv4()});
    const Packet packet = decode_packet(LinkType::linux_sll, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.link.sll_packet_type, 4);
    EXPECT_EQ(packet.link.sll_hardware_type, 1);
    ASSERT_EQ(packet.link.source.size(), 6u);
    EXPECT_EQ(packet.link.source[5], std::byte{0xff});
    EXPECT_EQ(packet.link.header_length, 16u);
    EXPECT_EQ(packet.transport, Transport::tcp);
    EXPECT_EQ(decode_packet(LinkType::linux_sll, view(frame).first(15)).malformed.layer, DecodeLayer::link);
}

TEST(PacketDecodeLink, LinuxCookedV2) {
    // protocol IPv6, reserved, ifindex 7, ARPHRD_LOOPBACK (772), to us (0), no address.
    const Frame frame =
        cat({bytes({0x86, 0xdd, 0, 0, 0, 0, 0, 7, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), udp_over_ipv6()});
    const Packet packet = decode_packet(LinkType::linux_sll2, view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.link.sll_interface_index, 7u);
    EXPECT_EQ(packet.link.sll_hardware_type, 772);
    EXPECT_TRUE(packet.link.source.empty());
    EXPECT_EQ(packet.link.header_length, 20u);
    EXPECT_EQ(packet.transport, Transport::udp);
    EXPECT_EQ(decode_packet(LinkType::linux_sll2, view(frame).first(19)).malformed.problem, DecodeProblem::truncated);
}

TEST(PacketDecodeLink, RawIpIsToldApartByTheVersionNibble) {
    EXPECT_EQ(decode_packet(LinkType::raw, view(tcp_over_ipv4())).ip.version, 4);
    EXPECT_EQ(decode_packet(LinkType::raw, view(udp_over_ipv6())).ip.version, 6);
    const Frame neither = bytes({0x50, 0, 0, 0});
    const Packet packet = decode_packet(LinkType::raw, view(neither));
    EXPECT_EQ(packet.malformed.layer, DecodeLayer::link);
    EXPECT_EQ(packet.malformed.problem, DecodeProblem::invalid);
    EXPECT_EQ(decode_packet(LinkType::raw, Bytes{}).malformed.problem, DecodeProblem::truncated);
}

TEST(PacketDecodeLink, Ipv4AndIpv6LinkTypesStartAtTheIpHeader) {
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(tcp_over_ipv4())).transport, Transport::tcp);
    EXPECT_EQ(decode_packet(LinkType::ipv6, view(udp_over_ipv6())).transport, Transport::udp);
    // The link type says IPv4; an IPv6 header there is invalid IPv4.
    EXPECT_EQ(decode_packet(LinkType::ipv4, view(udp_over_ipv6())).malformed.layer, DecodeLayer::ipv4);
}

TEST(PacketDecodeLink, NullHeaderFamilyInEitherByteOrder) {
    Frame little;
    put32le(little, 2);
    put(little, tcp_over_ipv4());
    const Packet v4 = decode_packet(LinkType::null, view(little));
    EXPECT_EQ(v4.link.family, 2u);
    EXPECT_EQ(v4.transport, Transport::tcp);
    for (const std::uint32_t family : {24u, 28u, 30u}) {
        Frame big;
        put32(big, family);
        put(big, udp_over_ipv6());
        const Packet v6 = decode_packet(LinkType::null, view(big));
        EXPECT_EQ(v6.link.family, family);
        EXPECT_EQ(v6.ip.version, 6) << family;
    }
    Frame unknown;
    put32le(unknown, 17);
    put(unknown, tcp_over_ipv4());
    const Packet other = decode_packet(LinkType::null, view(unknown));
    EXPECT_FALSE(other.malformed);
    EXPECT_EQ(other.ip.version, 0);
}

TEST(PacketDecodeLink, LoopHeaderIsBigEndian) {
    Frame frame;
    put32(frame, 24);
    put(frame, udp_over_ipv6());
    EXPECT_EQ(decode_packet(LinkType::loop, view(frame)).ip.version, 6);
    EXPECT_EQ(decode_packet(LinkType::loop, view(frame).first(3)).malformed.layer, DecodeLayer::link);
}

TEST(PacketDecodeLink, AnUnknownLinkTypeDecodesNothing) {
    const Frame frame = tcp_over_ipv4();
    const Packet packet = decode_packet(static_cast<LinkType>(147), view(frame));
    EXPECT_FALSE(packet.malformed);
    EXPECT_EQ(packet.ip.version, 0);
}

}  // namespace
}  // namespace netlens::packet
