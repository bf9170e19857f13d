// Decoding one captured packet into a Packet (packet.h): link header by link type, then
// the network layer by ethertype, then the transport by IP protocol — each step through
// a table. Nothing is allocated and nothing is printed; bad input ends in
// `Packet::malformed`, never in an exception.
#pragma once

#include <cstdint>

#include "packet/byte_cursor.h"
#include "packet/capture_format.h"
#include "packet/decode/packet.h"

namespace netlens::packet {

// Decodes `bytes`, a packet as captured with `link_type`. An unknown link type leaves
// only `link.type` set; an ethertype or IP protocol we do not decode ends the walk there
// without a problem (`transport == other` for an IP protocol).
Packet decode_packet(LinkType link_type, Bytes bytes);

// The same, into a Packet the caller keeps (reset first), for loops over many packets.
void decode_packet(LinkType link_type, Bytes bytes, Packet& packet);

// Decodes a transport header and what follows it — for a datagram put back together from
// fragments, whose `packet.ip` the caller has already filled in (from any of its
// fragments; it is made to describe the whole datagram). The transport layers and
// `malformed` are decoded anew; offsets in `malformed` count from the start of `payload`.
void decode_transport_payload(std::uint8_t protocol, Bytes payload, Packet& packet);

}  // namespace netlens::packet
