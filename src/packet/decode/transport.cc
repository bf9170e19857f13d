// From an IP protocol number to its decoder: a 256-entry table, one slot per number, so
// the lookup costs an index whatever the protocol.
#include <array>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

using TransportDecoder = void (*)(Bytes, std::uint32_t, DecodeContext&);

constexpr std::array<TransportDecoder, 256> kTransportDecoders = [] {
    std::array<TransportDecoder, 256> table{};
    table[kIpProtocolTcp] = decode_tcp;
    table[kIpProtocolUdp] = decode_udp;
    table[kIpProtocolIcmp] = decode_icmp;
    table[kIpProtocolIcmpv6] = decode_icmpv6;
    return table;
}();

}  // namespace

void decode_transport(std::uint8_t protocol, Bytes payload, std::uint32_t segment_length, DecodeContext& context) {
    const TransportDecoder decoder = kTransportDecoders[protocol];
    if (decoder == nullptr) {
        context.packet.transport = Transport::other;
        return;
    }
    decoder(payload, segment_length, context);
}

}  // namespace netlens::packet::detail
