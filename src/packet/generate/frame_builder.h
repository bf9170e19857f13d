// Builders of the headers the capture generator puts on the wire: Ethernet with an
// optional 802.1Q tag, IPv4 (fragments too), IPv6, TCP and UDP, with the checksums a
// receiver verifies (RFC 791 header checksum; RFC 793/768/8200 pseudo-header sums).
// Each writes into a caller's span through a ByteWriter and returns the frame's length,
// or 0 when the span is too short; nothing is ever written past it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "packet/byte_cursor.h"

namespace netlens::packet::generate {

using Mac = std::array<std::uint8_t, 6>;

inline constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;
inline constexpr std::uint16_t kEtherTypeVlan = 0x8100;
inline constexpr std::uint8_t kProtocolTcp = 6;
inline constexpr std::uint8_t kProtocolUdp = 17;

// TCP flag bits, as in the header's 13th byte.
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpPsh = 0x08;
inline constexpr std::uint8_t kTcpAck = 0x10;

struct Link {
    Mac source{};
    Mac destination{};
    std::uint16_t vlan = 0;  // 0: untagged
};

// Addresses of one direction; IPv4 uses the first four bytes.
struct IpPair {
    bool v6 = false;
    std::array<std::uint8_t, 16> source{};
    std::array<std::uint8_t, 16> destination{};
};

struct TcpFields {
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = 0;
    std::uint16_t window = 0;
    std::uint16_t mss = 0;  // non-zero: a maximum segment size option (on SYNs)
};

// The one's-complement sum of RFC 1071, not yet folded or inverted, so sums over
// pieces (pseudo-header, header, payload) add up. Pieces after the first must start at
// an even offset of the summed whole.
std::uint32_t checksum_add(std::uint32_t sum, Bytes bytes);
// Folds and inverts a sum into the 16-bit checksum field value.
std::uint16_t checksum_finish(std::uint32_t sum);

// A whole TCP or UDP frame: link header, IP header, transport header and payload.
// `ip_id` is the IPv4 identification (ignored for IPv6).
std::size_t build_tcp_frame(std::span<std::byte> out, const Link& link, const IpPair& ip, const TcpFields& tcp,
                            Bytes payload, std::uint16_t ip_id);
std::size_t build_udp_frame(std::span<std::byte> out, const Link& link, const IpPair& ip,
                            std::uint16_t source_port, std::uint16_t destination_port, Bytes payload,
                            std::uint16_t ip_id);

// A UDP header and payload with its checksum, to be cut into IPv4 fragments.
std::size_t build_udp_datagram(std::span<std::byte> out, const IpPair& ip, std::uint16_t source_port,
                               std::uint16_t destination_port, Bytes payload);
// One IPv4 fragment frame carrying `part` of a datagram at byte `offset` (a multiple of
// 8 unless it is the last) of protocol `protocol`.
std::size_t build_ipv4_fragment(std::span<std::byte> out, const Link& link, const IpPair& ip,
                                std::uint8_t protocol, Bytes part, std::uint16_t ip_id, std::size_t offset,
                                bool more_fragments);

}  // namespace netlens::packet::generate
