// What one captured packet holds, layer by layer, as plain values and views into the
// captured bytes: the link header (with its VLAN tags), the IPv4 or IPv6 header (with the
// extension headers walked), and TCP, UDP, ICMP or ICMPv6 — and, for an ICMP error, the
// header of the packet it quotes. Nothing here owns memory; a Packet is only valid while
// the bytes it was decoded from are.
//
// A packet that is cut short or carries an impossible field is still a result: `malformed`
// says which layer stopped the decoding and at which byte, and every layer before it stays
// filled in.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/ip_address.h"
#include "packet/byte_cursor.h"
#include "packet/capture_format.h"

namespace netlens::packet {

// The layer where decoding stopped.
enum class DecodeLayer : std::uint8_t {
    none,
    link,  // Ethernet, SLL, SLL2, null/loop header
    vlan,  // an 802.1Q / 802.1ad tag
    ipv4,
    ipv6,
    ipv6_extension,  // a hop-by-hop, routing, destination, fragment or AH header
    tcp,
    tcp_options,
    udp,
    icmp,                // ICMP or ICMPv6 header
    embedded_ip,         // the IP header an ICMP error quotes
    embedded_transport,  // the first transport bytes it quotes
};

enum class DecodeProblem : std::uint8_t {
    none,
    truncated,  // the header does not fit in the captured bytes
    invalid,    // a field that cannot be: a wrong version, a length below the minimum, ...
};

// Stable names, for messages and for the keys of counts ("ipv4", "truncated").
inline constexpr std::array<std::string_view, 12> kDecodeLayerNames{
    "none", "link",        "vlan", "ipv4", "ipv6",        "ipv6_extension",
    "tcp",  "tcp_options", "udp",  "icmp", "embedded_ip", "embedded_transport"};
inline constexpr std::array<std::string_view, 3> kDecodeProblemNames{"none", "truncated", "invalid"};
static_assert(kDecodeLayerNames.size() == static_cast<std::size_t>(DecodeLayer::embedded_transport) + 1);
inline std::string_view name(DecodeLayer layer) { return kDecodeLayerNames[static_cast<std::size_t>(layer)]; }
inline std::string_view name(DecodeProblem problem) { return kDecodeProblemNames[static_cast<std::size_t>(problem)]; }

struct Malformed {
    DecodeLayer layer = DecodeLayer::none;
    DecodeProblem problem = DecodeProblem::none;
    std::uint32_t offset = 0;  // byte offset in the packet of the header that failed

    explicit operator bool() const { return problem != DecodeProblem::none; }
};

// How many stacked VLAN tags are kept; a deeper stack is reported as invalid.
inline constexpr std::size_t kMaxVlanTags = 4;

struct VlanTag {
    std::uint16_t tpid = 0;  // 0x8100 (802.1Q), 0x88a8 (802.1ad) or 0x9100
    std::uint16_t tci = 0;
    std::uint16_t id() const { return tci & 0x0fff; }
    std::uint8_t priority() const { return static_cast<std::uint8_t>(tci >> 13); }
};

struct LinkHeader {
    LinkType type = LinkType::ethernet;
    // The protocol of what follows the link header (and its VLAN tags): an ethertype.
    // Null/loop families and the raw link types are given the matching ethertype too.
    std::uint16_t ethertype = 0;
    Bytes destination;                  // Ethernet: 6 bytes
    Bytes source;                       // Ethernet: 6 bytes; SLL/SLL2: the sender's link address
    std::uint16_t sll_packet_type = 0;  // SLL/SLL2: 0 to us, 4 sent by us, ...
    std::uint16_t sll_hardware_type = 0;
    std::uint32_t sll_interface_index = 0;  // SLL2 only
    std::uint32_t family = 0;               // null/loop: the address family as it was stored
    std::array<VlanTag, kMaxVlanTags> vlans{};
    std::uint8_t vlan_count = 0;
    std::uint32_t header_length = 0;  // link header plus VLAN tags, in bytes
};

inline constexpr std::uint16_t kEthertypeIpv4 = 0x0800;
inline constexpr std::uint16_t kEthertypeIpv6 = 0x86dd;

inline constexpr std::uint8_t kIpProtocolIcmp = 1;
inline constexpr std::uint8_t kIpProtocolTcp = 6;
inline constexpr std::uint8_t kIpProtocolUdp = 17;
inline constexpr std::uint8_t kIpProtocolEsp = 50;
inline constexpr std::uint8_t kIpProtocolIcmpv6 = 58;

// IPv4 and IPv6 in one shape, so flows and fragments need not care which.
struct IpHeader {
    std::uint8_t version = 0;  // 4 or 6; 0 when the packet has no IP layer
    IpAddress source;
    IpAddress destination;
    std::uint8_t protocol = 0;         // IPv6: after the extension headers (50 when ESP stopped the walk)
    std::uint8_t ttl = 0;              // IPv6: hop limit
    std::uint8_t tos = 0;              // IPv6: traffic class
    std::uint32_t flow_label = 0;      // IPv6 only
    std::uint16_t header_length = 0;   // IPv6: 40 plus the extension headers walked
    std::uint32_t total_length = 0;    // as the header says (IPv6: 40 + payload length)
    std::uint16_t checksum = 0;        // IPv4 only
    std::uint8_t extension_count = 0;  // IPv6 only
    bool jumbogram = false;            // IPv6 payload length 0: the payload is the rest
    // Fragments: `id` is the IPv4 identification or the IPv6 fragment header's.
    std::uint32_t id = 0;
    bool dont_fragment = false;
    bool more_fragments = false;
    bool fragmented = false;            // IPv4: MF or an offset; IPv6: a fragment header
    std::uint16_t fragment_offset = 0;  // in bytes
    // What follows the headers, trimmed to the length the header gives (so Ethernet
    // padding is dropped); shorter when the capture cut the packet.
    Bytes payload;
    std::uint32_t payload_length = 0;  // on the wire, from the header; may exceed payload.size()
};

inline constexpr std::size_t kMaxSackBlocks = 4;

struct SackBlock {
    std::uint32_t left = 0;
    std::uint32_t right = 0;
};

struct TcpOptions {
    bool has_mss = false;
    bool has_window_scale = false;
    bool sack_permitted = false;
    bool has_timestamps = false;
    std::uint16_t mss = 0;
    std::uint8_t window_scale = 0;
    std::uint8_t sack_block_count = 0;
    std::array<SackBlock, kMaxSackBlocks> sack_blocks{};
    std::uint32_t timestamp_value = 0;
    std::uint32_t timestamp_echo = 0;
};

// TCP flag bits as in the header's 13th and 14th bytes (NS is the low bit of byte 12).
enum TcpFlag : std::uint16_t {
    kTcpFin = 0x001,
    kTcpSyn = 0x002,
    kTcpRst = 0x004,
    kTcpPsh = 0x008,
    kTcpAck = 0x010,
    kTcpUrg = 0x020,
    kTcpEce = 0x040,
    kTcpCwr = 0x080,
    kTcpNs = 0x100,
};

struct TcpHeader {
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint16_t flags = 0;   // TcpFlag bits
    std::uint16_t window = 0;  // as sent; scaling is left to who knows the handshake
    std::uint16_t checksum = 0;
    std::uint16_t urgent = 0;
    std::uint8_t header_length = 0;  // data offset, in bytes
    TcpOptions options;
    Bytes payload;                     // captured part of the segment
    std::uint32_t segment_length = 0;  // on the wire, from the IP length
};

struct UdpHeader {
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    std::uint16_t length = 0;  // header plus payload, as the header says
    std::uint16_t checksum = 0;
    Bytes payload;  // trimmed to `length`; shorter when cut by the capture
};

struct IcmpHeader {
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    std::uint16_t checksum = 0;
    std::uint32_t rest = 0;  // the 4 type-specific bytes: echo id/seq, next-hop MTU, pointer
    bool error = false;      // a type that quotes the packet that caused it
    Bytes payload;           // after the 8-byte header
};

// The start of the packet an ICMP error quotes. Its addresses are those of the packet
// that went out, so it belongs to that packet's flow only as evidence, never as traffic.
struct EmbeddedPacket {
    bool present = false;
    IpHeader ip;
    bool has_ports = false;  // TCP or UDP and the first 4 transport bytes quoted
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    bool has_tcp_seq = false;
    std::uint32_t tcp_seq = 0;
};

enum class Transport : std::uint8_t { none, tcp, udp, icmp, icmpv6, other };

struct Packet {
    LinkHeader link;
    IpHeader ip;
    Transport transport = Transport::none;
    TcpHeader tcp;            // when transport == tcp
    UdpHeader udp;            // when transport == udp
    IcmpHeader icmp;          // when transport == icmp or icmpv6
    EmbeddedPacket embedded;  // ICMP errors only
    Malformed malformed;
};

}  // namespace netlens::packet
