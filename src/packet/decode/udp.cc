// The UDP header (RFC 768). The payload is cut to the UDP length; a length beyond the IP
// payload is invalid — except in a first fragment, whose IP payload is only a part of the
// datagram, and in an IPv6 jumbogram, where a length of 0 means "the IP payload" (RFC 2675).
#include <algorithm>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kHeader = 8;

}  // namespace

void decode_udp(Bytes bytes, std::uint32_t segment_length, DecodeContext& context) {
    if (!context.has_header(DecodeLayer::udp, bytes, segment_length, kHeader)) return;
    Packet& packet = context.packet;
    UdpHeader& udp = packet.udp;
    packet.transport = Transport::udp;
    udp.source_port = load_u16be(bytes, 0);
    udp.destination_port = load_u16be(bytes, 2);
    udp.length = load_u16be(bytes, 4);
    udp.checksum = load_u16be(bytes, 6);
    std::uint32_t length = udp.length;
    if (length == 0 && packet.ip.jumbogram) length = segment_length;
    const bool first_fragment = packet.ip.more_fragments;
    if (length < kHeader || (length > segment_length && !first_fragment)) {
        context.fail(DecodeLayer::udp, DecodeProblem::invalid, bytes);
        length = std::max<std::uint32_t>(kHeader, std::min<std::uint32_t>(length, segment_length));
    }
    const Bytes after = bytes.subspan(kHeader);
    udp.payload = after.first(std::min<std::size_t>(after.size(), length - kHeader));
}

}  // namespace netlens::packet::detail
