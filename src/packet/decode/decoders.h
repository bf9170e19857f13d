// The decoders behind decode_packet, one per layer, and what they share: a context that
// knows where the packet starts (so a problem is reported at its byte offset) and keeps
// only the first problem found.
#pragma once

#include <cstdint>
#include <cstring>

#include "packet/byte_cursor.h"
#include "packet/capture_format.h"
#include "packet/decode/packet.h"

namespace netlens::packet::detail {

struct DecodeContext {
    const std::byte* start;  // first byte of the packet
    Packet& packet;

    std::uint32_t offset_of(Bytes at) const { return static_cast<std::uint32_t>(at.data() - start); }
    // Records the first problem; later ones follow from it and would only hide it.
    void fail(DecodeLayer layer, DecodeProblem problem, Bytes at) {
        if (!packet.malformed) packet.malformed = {layer, problem, offset_of(at)};
    }
    // False (and the packet malformed) when a transport header of `header` bytes is not
    // all there: invalid if the segment itself is shorter, truncated if only the capture is.
    bool has_header(DecodeLayer layer, Bytes bytes, std::uint32_t segment_length, std::size_t header) {
        if (bytes.size() >= header) return true;
        fail(layer, segment_length < header ? DecodeProblem::invalid : DecodeProblem::truncated, bytes);
        return false;
    }
};

// Copies an address out of the packet: `Size` (4 or 16) bytes from `at`, which the
// caller has checked are there. Fixed sizes let the compiler make it two moves.
template <std::size_t Size>
inline void copy_address(IpAddress& address, int family, Bytes bytes, std::size_t at) {
    static_assert(Size <= sizeof(address.bytes));
    address.family = family;
    address.bytes = {};
    std::memcpy(address.bytes.data(), bytes.subspan(at, Size).data(), Size);
}

// link.cc: the header of `link_type`, then the network layer through decode_ethertype.
void decode_link(LinkType link_type, Bytes bytes, DecodeContext& context);

// network.cc: what follows a link header of this ethertype (VLAN tags, IPv4, IPv6).
void decode_ethertype(std::uint16_t ethertype, Bytes bytes, DecodeContext& context);

// ipv4.cc / ipv6.cc: one IP header into `ip`; false when it could not be read at all.
// `embedded` is the header an ICMP error quotes: problems are reported as embedded_ip.
bool decode_ipv4(Bytes bytes, IpHeader& ip, bool embedded, DecodeContext& context);
bool decode_ipv6(Bytes bytes, IpHeader& ip, bool embedded, DecodeContext& context);

// transport.cc: the header of IP protocol `protocol` at the start of `payload`.
// `segment_length` is the payload's length on the wire (the captured part may be less).
void decode_transport(std::uint8_t protocol, Bytes payload, std::uint32_t segment_length, DecodeContext& context);

// tcp.cc, udp.cc, icmp.cc
void decode_tcp(Bytes payload, std::uint32_t segment_length, DecodeContext& context);
void decode_udp(Bytes payload, std::uint32_t segment_length, DecodeContext& context);
void decode_icmp(Bytes payload, std::uint32_t segment_length, DecodeContext& context);
void decode_icmpv6(Bytes payload, std::uint32_t segment_length, DecodeContext& context);

// tcp_options.cc: the options between the fixed TCP header and the data; false when
// an option's length is impossible (what was read before it is kept).
bool decode_tcp_options(Bytes options, TcpOptions& out);

}  // namespace netlens::packet::detail
