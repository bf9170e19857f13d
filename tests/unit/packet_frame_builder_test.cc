// The generator's header builders, against bytes worked out by hand from RFC 791, 793,
// 768, 8200 and IEEE 802.1Q, and against a checksum worked in a textbook example.
#include <gtest/gtest.h>

#include <vector>

#include "packet/generate/frame_builder.h"

namespace netlens::packet::generate {
namespace {

std::vector<unsigned char> hex(std::string_view text) {
    std::vector<unsigned char> out;
    for (std::size_t i = 0; i + 1 < text.size();) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        out.push_back(static_cast<unsigned char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16)));
        i += 2;
    }
    return out;
}

std::vector<unsigned char> first(const std::array<std::byte, 2048>& buffer, std::size_t length) {
    auto* p = reinterpret_cast<const unsigned char*>(buffer.data());
    return {p, p + length};
}

Link link(std::uint16_t vlan) {
    return {{0x02, 0, 0, 0, 0, 0x0a}, {0x02, 0, 0, 0, 0, 0x0b}, vlan};
}

IpPair v4(std::array<std::uint8_t, 4> source, std::array<std::uint8_t, 4> destination) {
    IpPair ip;
    std::copy(source.begin(), source.end(), ip.source.begin());
    std::copy(destination.begin(), destination.end(), ip.destination.begin());
    return ip;
}

TEST(PacketFrameBuilder, ChecksumOfTheTextbookIpv4Header) {
    // The worked example on Wikipedia's "Internet checksum" / IPv4 header checksum
    // page: 45 00 00 73 00 00 40 00 40 11 [b8 61] c0 a8 00 01 c0 a8 00 c7.
    auto header = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
    EXPECT_EQ(checksum_finish(checksum_add(0, std::as_bytes(std::span(header)))), 0xb861);
    // Summed in two pieces (at an even boundary) it is the same.
    auto bytes = std::as_bytes(std::span(header));
    EXPECT_EQ(checksum_finish(checksum_add(checksum_add(0, bytes.first(10)), bytes.subspan(10))), 0xb861);
    // An odd trailing byte counts as the high byte of a word padded with zero.
    auto odd = hex("0102 03");
    EXPECT_EQ(checksum_finish(checksum_add(0, std::as_bytes(std::span(odd)))), static_cast<std::uint16_t>(~0x0402));
}

TEST(PacketFrameBuilder, UdpOverIpv4ByHand) {
    std::array<std::byte, 2048> out{};
    auto payload = hex("6869");  // "hi"
    std::size_t n = build_udp_frame(out, link(0), v4({10, 0, 0, 1}, {10, 0, 0, 2}), 1234, 53,
                                     std::as_bytes(std::span(payload)), 0x1c46);
    // IPv4: DF set, TTL 64, total 30; checksum = ~(4500+001e+1c46+4000+4011+0a00+0001+0a00+0002)
    //   = ~0xf578 = 0x0a87.
    // UDP: 04d2 0035 000a, checksum over the pseudo header (0a00 0001 0a00 0002 0011 000a)
    //   and 04d2 0035 000a 6869, summed below.
    std::uint32_t udp_sum = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 0x0011 + 0x000a + 0x04d2 + 0x0035 + 0x000a + 0x6869;
    while (udp_sum >> 16) udp_sum = (udp_sum & 0xffff) + (udp_sum >> 16);
    auto udp_checksum = static_cast<std::uint16_t>(~udp_sum);
    char udp_hex[5];
    std::snprintf(udp_hex, sizeof udp_hex, "%04x", udp_checksum);
    auto want = hex(std::string("02000000000b 02000000000a 0800 "
                                "4500 001e 1c46 4000 4011 0a87 0a00 0001 0a00 0002 "
                                "04d2 0035 000a ") + udp_hex + " 6869");
    ASSERT_EQ(n, want.size());
    EXPECT_EQ(first(out, n), want);
}

TEST(PacketFrameBuilder, TcpSynWithVlanAndMss) {
    std::array<std::byte, 2048> out{};
    TcpFields tcp{40000, 80, 0x01020304, 0, kTcpSyn, 64240, 1460};
    std::size_t n = build_tcp_frame(out, link(100), v4({192, 168, 0, 1}, {192, 168, 0, 199}), tcp, {}, 7);
    auto got = first(out, n);
    ASSERT_EQ(n, 14u + 4 + 20 + 24);
    EXPECT_EQ(std::vector<unsigned char>(got.begin() + 12, got.begin() + 18), hex("8100 0064 0800"));
    // IP total length 44, protocol 6.
    EXPECT_EQ(got[18 + 2], 0);
    EXPECT_EQ(got[18 + 3], 44);
    EXPECT_EQ(got[18 + 9], 6);
    // TCP: data offset 6 words, flags SYN, window fa f0, MSS option 02 04 05 b4.
    auto tcp_bytes = std::vector<unsigned char>(got.begin() + 38, got.end());
    EXPECT_EQ(tcp_bytes[12], 0x60);
    EXPECT_EQ(tcp_bytes[13], 0x02);
    EXPECT_EQ(std::vector<unsigned char>(tcp_bytes.begin() + 14, tcp_bytes.begin() + 16), hex("faf0"));
    EXPECT_EQ(std::vector<unsigned char>(tcp_bytes.begin() + 20, tcp_bytes.end()), hex("0204 05b4"));
    // Pseudo header + segment, checksum included, sums to 0xffff (RFC 1071).
    std::uint32_t sum = 0xc0a8 + 0x0001 + 0xc0a8 + 0x00c7 + 6 + 24;
    for (std::size_t i = 0; i < tcp_bytes.size(); i += 2) sum += tcp_bytes[i] << 8 | tcp_bytes[i + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    EXPECT_EQ(sum, 0xffffu);
}

TEST(PacketFrameBuilder, Ipv6HeaderCarriesPayloadLengthAndNextHeader) {
    std::array<std::byte, 2048> out{};
    IpPair ip;
    ip.v6 = true;
    ip.source = {0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    ip.destination = {0xfd, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35};
    auto payload = hex("00");
    std::size_t n = build_udp_frame(out, link(0), ip, 5000, 53, std::as_bytes(std::span(payload)), 0);
    auto got = first(out, n);
    ASSERT_EQ(n, 14u + 40 + 8 + 1);
    EXPECT_EQ(std::vector<unsigned char>(got.begin() + 12, got.begin() + 22), hex("86dd 6000 0000 0009 1140"));
    std::uint32_t sum = 0xfd00 + 0x0001 + 0x0001 + 0xfd00 + 0x0002 + 0x0035 + 17 + 9;
    for (std::size_t i = 54; i < n; i += 2) sum += got[i] << 8 | (i + 1 < n ? got[i + 1] : 0);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    EXPECT_EQ(sum, 0xffffu);
}

TEST(PacketFrameBuilder, FragmentsCarryOffsetAndMoreFragments) {
    std::array<std::byte, 2048> out{};
    std::vector<std::byte> part(16, std::byte{1});
    std::size_t n = build_ipv4_fragment(out, link(0), v4({10, 0, 0, 1}, {10, 0, 0, 2}), kProtocolUdp, part, 9, 1480, true);
    auto got = first(out, n);
    ASSERT_EQ(n, 14u + 20 + 16);
    // flags+offset: MF (0x2000) | 1480/8 = 185 = 0x00b9; no DF on fragments.
    EXPECT_EQ(std::vector<unsigned char>(got.begin() + 20, got.begin() + 22), hex("20b9"));
    n = build_ipv4_fragment(out, link(0), v4({10, 0, 0, 1}, {10, 0, 0, 2}), kProtocolUdp, part, 9, 2960, false);
    got = first(out, n);
    EXPECT_EQ(std::vector<unsigned char>(got.begin() + 20, got.begin() + 22), hex("0172"));
    // An offset IPv4 cannot express is refused.
    EXPECT_EQ(build_ipv4_fragment(out, link(0), v4({10, 0, 0, 1}, {10, 0, 0, 2}), kProtocolUdp, part, 9, 12, true), 0u);
}

TEST(PacketFrameBuilder, ShortBufferGivesZeroAndNothingPastIt) {
    std::array<std::byte, 2048> out{};
    std::fill(out.begin(), out.end(), std::byte{0xee});
    std::vector<std::byte> payload(100, std::byte{7});
    TcpFields tcp{1, 2, 3, 4, kTcpAck, 5, 0};
    for (std::size_t room = 0; room < 14 + 4 + 20 + 8 + 100; room += 7) {  // the shorter frame
        std::span<std::byte> window(out.data(), room);
        EXPECT_EQ(build_tcp_frame(window, link(0), v4({1, 2, 3, 4}, {5, 6, 7, 8}), tcp, payload, 1), 0u);
        EXPECT_EQ(build_udp_frame(window, link(5), v4({1, 2, 3, 4}, {5, 6, 7, 8}), 1, 2, payload, 1), 0u);
        for (std::size_t i = room; i < out.size(); ++i) ASSERT_EQ(out[i], std::byte{0xee}) << "room " << room;
    }
}

}  // namespace
}  // namespace netlens::packet::generate
