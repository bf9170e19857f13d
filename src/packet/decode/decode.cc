// The entry points of the packet decoders (decode.h); the layers live in their own files.
#include "packet/decode/decode.h"

#include "packet/decode/decoders.h"

namespace netlens::packet {

Packet decode_packet(LinkType link_type, Bytes bytes) {
    Packet packet;
    decode_packet(link_type, bytes, packet);
    return packet;
}

void decode_packet(LinkType link_type, Bytes bytes, Packet& packet) {
    packet = Packet{};
    detail::DecodeContext context{bytes.data(), packet};
    detail::decode_link(link_type, bytes, context);
}

void decode_transport_payload(std::uint8_t protocol, Bytes payload, Packet& packet) {
    // From here on `ip` describes the whole datagram, not the fragment that completed it.
    packet.ip.more_fragments = false;
    packet.ip.fragment_offset = 0;
    packet.ip.protocol = protocol;
    packet.ip.payload = payload;
    packet.ip.payload_length = static_cast<std::uint32_t>(payload.size());
    // What the fragment's own transport layer said no longer holds.
    packet.transport = Transport::none;
    packet.tcp = {};
    packet.udp = {};
    packet.icmp = {};
    packet.embedded = {};
    packet.malformed = {};
    detail::DecodeContext context{payload.data(), packet};
    detail::decode_transport(protocol, payload, static_cast<std::uint32_t>(payload.size()), context);
}

}  // namespace netlens::packet
