// FragmentReassembler: fragments cut from hand-built datagrams, fed in different orders,
// with overlaps (checked against tshark's own reassembly), timeouts and memory limits.
#include <algorithm>
#include <cstdio>
#include <string>

#include "packet/decode/decode.h"
#include "packet/ipv4_reassembly.h"
#include "packet_decode_test_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

constexpr std::int64_t kSecond = 1'000'000'000;

// IPv4 fragments of `datagram` (the IP payload) at the given (offset, length) pieces.
std::vector<Frame> fragments_v4(const Frame& datagram, const std::vector<std::pair<unsigned, unsigned>>& pieces,
                                unsigned id = 0x7777) {
    std::vector<Frame> frames;
    for (const auto& [offset, length] : pieces) {
        Ipv4 spec;
        spec.protocol = 17;
        spec.id = id;
        spec.dont_fragment = false;
        spec.offset_bytes = offset;
        spec.more_fragments = offset + length < datagram.size();
        frames.push_back(ipv4(spec, Frame(datagram.begin() + offset, datagram.begin() + offset + length)));
    }
    return frames;
}

std::optional<Reassembled> feed(FragmentReassembler& reassembler, const Frame& frame, std::int64_t time_ns = 0,
                                LinkType link_type = LinkType::ipv4) {
    const Packet packet = decode_packet(link_type, view(frame));
    EXPECT_TRUE(packet.ip.fragmented);
    return reassembler.add(packet.ip, time_ns);
}

// The UDP payload of a reassembled datagram as tshark prints udp.payload.
std::string payload_hex(const Reassembled& whole) { return hex_bytes(whole.payload.subspan(8)); }

Frame dns_datagram() { return udp(53, 41000, filler(3000, 7)); }

TEST(PacketIpv4Reassembly, InOrderAndOutOfOrder) {
    const Frame datagram = dns_datagram();
    const auto frames = fragments_v4(datagram, {{0, 1480}, {1480, 1480}, {2960, 48}});
    for (const auto& order : std::vector<std::vector<int>>{{0, 1, 2}, {2, 0, 1}, {1, 2, 0}}) {
        FragmentReassembler reassembler;
        std::optional<Reassembled> whole;
        for (std::size_t i = 0; i < order.size(); ++i) {
            whole = feed(reassembler, frames[order[i]]);
            EXPECT_EQ(whole.has_value(), i + 1 == order.size());
        }
        ASSERT_TRUE(whole);
        EXPECT_EQ(whole->protocol, 17);
        EXPECT_EQ(whole->fragment_count, 3u);
        ASSERT_EQ(whole->payload.size(), datagram.size());
        EXPECT_TRUE(std::equal(whole->payload.begin(), whole->payload.end(), datagram.begin()));
        EXPECT_EQ(reassembler.waiting(), 0u);
        EXPECT_EQ(reassembler.bytes_held(), 0u);
        EXPECT_EQ(reassembler.stats().completed, 1u);

        Packet packet = decode_packet(LinkType::ipv4, view(frames[order.back()]));
        decode_transport_payload(whole->protocol, whole->payload, packet);
        EXPECT_FALSE(packet.malformed);
        EXPECT_EQ(packet.transport, Transport::udp);
        EXPECT_EQ(packet.udp.source_port, 53);
        EXPECT_EQ(packet.udp.payload.size(), 3000u);
    }
}

TEST(PacketIpv4Reassembly, DatagramsAreKeptApartByTheirKey) {
    const Frame a = udp(1, 2, filler(40, 1));
    const Frame b = udp(1, 2, filler(40, 100));
    const auto first = fragments_v4(a, {{0, 24}, {24, 24}}, 1);
    const auto second = fragments_v4(b, {{0, 24}, {24, 24}}, 2);
    FragmentReassembler reassembler;
    EXPECT_FALSE(feed(reassembler, first[0]));
    EXPECT_FALSE(feed(reassembler, second[1]));
    EXPECT_EQ(reassembler.waiting(), 2u);
    const auto whole_b = feed(reassembler, second[0]);
    ASSERT_TRUE(whole_b);
    EXPECT_TRUE(std::equal(whole_b->payload.begin(), whole_b->payload.end(), b.begin()));
    const auto whole_a = feed(reassembler, first[1]);
    ASSERT_TRUE(whole_a);
    EXPECT_TRUE(std::equal(whole_a->payload.begin(), whole_a->payload.end(), a.begin()));
}

TEST(PacketIpv4Reassembly, Ipv6FragmentsGoThroughTheSameCode) {
    const Frame datagram = udp(53, 5353, filler(100, 3));
    const auto fragment = [&](unsigned offset, unsigned length, bool more) {
        Frame header = bytes({17, 0});
        put16(header, offset | (more ? 1 : 0));
        put32(header, 0x01020304);
        return ipv6(44, cat({header, Frame(datagram.begin() + offset, datagram.begin() + offset + length)}));
    };
    FragmentReassembler reassembler;
    EXPECT_FALSE(feed(reassembler, fragment(56, 52, false), 0, LinkType::ipv6));
    const auto whole = feed(reassembler, fragment(0, 56, true), 0, LinkType::ipv6);
    ASSERT_TRUE(whole);
    ASSERT_EQ(whole->payload.size(), datagram.size());
    EXPECT_TRUE(std::equal(whole->payload.begin(), whole->payload.end(), datagram.begin()));
}

// Fragment 1 (offset 8, 16 bytes of 'X') arrives first; fragment 2 (offset 0, 24 true
// bytes) covers it; fragment 3 ends the datagram. Byte by byte "first arrival wins"
// would keep the X's; Wireshark lays fragments out by offset and keeps fragment 2's.
std::vector<Frame> overlapping_fragments(const Frame& datagram) {
    auto frames = fragments_v4(datagram, {{8, 16}, {0, 24}, {24, 16}});
    for (std::size_t i = 20; i < frames[0].size(); ++i) frames[0][i] = std::byte{'X'};
    return frames;
}

TEST(PacketIpv4Reassembly, OverlapsAreResolvedByOffsetAsWiresharkDoes) {
    const Frame datagram = udp(7, 9, filler(32, 0x41));
    const auto frames = overlapping_fragments(datagram);
    FragmentReassembler reassembler;
    std::optional<Reassembled> whole;
    for (const auto& frame : frames) whole = feed(reassembler, frame);
    ASSERT_TRUE(whole);
    EXPECT_TRUE(std::equal(whole->payload.begin(), whole->payload.end(), datagram.begin()));
    EXPECT_EQ(reassembler.stats().overlaps, 1u);
    EXPECT_EQ(reassembler.stats().overlap_conflicts, 1u);

    if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    const std::string path = scratch_path("overlap");
    write_pcap(path, LinkType::ipv4, frames);
    const auto rows = tshark_fields(path, {"udp.payload"});
    std::remove(path.c_str());
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2][0], payload_hex(*whole));
}

// Two fragments at offset 0: the first to arrive (16 bytes, the last 8 of them 'Y') keeps
// its bytes; the second (24 true bytes) gives only what lies past it.
TEST(PacketIpv4Reassembly, AtEqualOffsetsTheFirstToArriveWinsAsInWireshark) {
    const Frame datagram = udp(7, 9, filler(32, 0x41));
    auto frames = fragments_v4(datagram, {{0, 16}, {0, 24}, {24, 16}});
    for (std::size_t i = 28; i < frames[0].size(); ++i) frames[0][i] = std::byte{'Y'};
    FragmentReassembler reassembler;
    std::optional<Reassembled> whole;
    for (const auto& frame : frames) whole = feed(reassembler, frame);
    ASSERT_TRUE(whole);
    Frame expected = datagram;
    for (std::size_t i = 8; i < 16; ++i) expected[i] = std::byte{'Y'};
    EXPECT_TRUE(std::equal(whole->payload.begin(), whole->payload.end(), expected.begin()));

    if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    const std::string path = scratch_path("overlap_tie");
    write_pcap(path, LinkType::ipv4, frames);
    const auto rows = tshark_fields(path, {"udp.payload"});
    std::remove(path.c_str());
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2][0], payload_hex(*whole));
}

TEST(PacketIpv4Reassembly, IncompleteDatagramsTimeOutByCaptureTime) {
    const auto frames = fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1480}, {2960, 48}});
    FragmentReassembler reassembler;
    EXPECT_FALSE(feed(reassembler, frames[0], 0));
    EXPECT_FALSE(feed(reassembler, frames[1], 10 * kSecond));
    EXPECT_FALSE(feed(reassembler, frames[2], 31 * kSecond));  // the first two are gone
    EXPECT_EQ(reassembler.stats().timed_out, 1u);
    EXPECT_EQ(reassembler.waiting(), 1u);
    reassembler.expire(62 * kSecond);
    EXPECT_EQ(reassembler.waiting(), 0u);
    EXPECT_EQ(reassembler.bytes_held(), 0u);
}

TEST(PacketIpv4Reassembly, MemoryAndCountLimitsEvictTheOldest) {
    FragmentReassembler small{{.timeout_ns = 30 * kSecond, .max_bytes = 2000, .max_datagrams = 2}};
    const auto a = fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1528}}, 1);
    const auto b = fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1528}}, 2);
    EXPECT_FALSE(feed(small, a[0]));
    EXPECT_FALSE(feed(small, b[0]));  // 2960 bytes would not fit: a goes
    EXPECT_EQ(small.stats().evicted, 1u);
    EXPECT_EQ(small.waiting(), 1u);
    EXPECT_LE(small.bytes_held(), 2000u);
    EXPECT_FALSE(feed(small, b[1]));  // cannot fit next to b[0] either: b[0] goes
    EXPECT_EQ(small.stats().evicted, 2u);

    FragmentReassembler few{{.timeout_ns = 30 * kSecond, .max_bytes = 1 << 20, .max_datagrams = 2}};
    for (unsigned id = 1; id <= 3; ++id) feed(few, fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1528}}, id)[0]);
    EXPECT_EQ(few.waiting(), 2u);
    EXPECT_EQ(few.stats().evicted, 1u);
    // Datagram 1 was the one dropped: its second half completes nothing.
    EXPECT_FALSE(feed(few, fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1528}}, 1)[1]));
    EXPECT_TRUE(feed(few, fragments_v4(dns_datagram(), {{0, 1480}, {1480, 1528}}, 3)[1]));
}

TEST(PacketIpv4Reassembly, ImpossibleFragmentsAreRejected) {
    FragmentReassembler reassembler;
    Ipv4 past_end;  // the "ping of death": a fragment ending past 65535
    past_end.protocol = 17;
    past_end.dont_fragment = false;
    past_end.offset_bytes = 65528;
    EXPECT_FALSE(feed(reassembler, ipv4(past_end, filler(16))));
    EXPECT_EQ(reassembler.stats().rejected, 1u);
    EXPECT_EQ(reassembler.waiting(), 0u);

    // Two different ends for one datagram.
    const auto one = fragments_v4(udp(1, 2, filler(40)), {{0, 24}, {24, 24}});
    const auto other = fragments_v4(udp(1, 2, filler(56)), {{0, 24}, {24, 40}});
    EXPECT_FALSE(feed(reassembler, one[1]));
    EXPECT_FALSE(feed(reassembler, other[1]));
    EXPECT_EQ(reassembler.stats().rejected, 2u);
    EXPECT_TRUE(feed(reassembler, one[0]));

    // A fragment the capture cut short cannot be used.
    const auto cut = fragments_v4(udp(1, 2, filler(40)), {{0, 24}, {24, 24}}, 9);
    const Packet packet = decode_packet(LinkType::ipv4, view(cut[0]).first(30));
    EXPECT_FALSE(reassembler.add(packet.ip, 0));
    EXPECT_EQ(reassembler.stats().rejected, 3u);

    // Not a fragment at all.
    const Packet whole = decode_packet(LinkType::ipv4, view(ipv4({}, tcp({}))));
    EXPECT_FALSE(reassembler.add(whole.ip, 0));
}

}  // namespace
}  // namespace netlens::packet
