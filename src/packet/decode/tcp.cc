// The TCP header (RFC 9293): the fixed 20 bytes, the options up to the data offset, and
// the data. The window is kept as sent; only who saw the handshake knows its scale.
#include <algorithm>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kFixedHeader = 20;

}  // namespace

void decode_tcp(Bytes bytes, std::uint32_t segment_length, DecodeContext& context) {
    if (!context.has_header(DecodeLayer::tcp, bytes, segment_length, kFixedHeader)) return;
    Packet& packet = context.packet;
    TcpHeader& tcp = packet.tcp;
    packet.transport = Transport::tcp;
    tcp.source_port = load_u16be(bytes, 0);
    tcp.destination_port = load_u16be(bytes, 2);
    tcp.seq = load_u32be(bytes, 4);
    tcp.ack = load_u32be(bytes, 8);
    const std::uint8_t offset_byte = load_u8(bytes, 12);
    tcp.header_length = static_cast<std::uint8_t>((offset_byte >> 4) * 4U);
    tcp.flags = static_cast<std::uint16_t>((offset_byte & 1U) << 8 | load_u8(bytes, 13));
    tcp.window = load_u16be(bytes, 14);
    tcp.checksum = load_u16be(bytes, 16);
    tcp.urgent = load_u16be(bytes, 18);
    if (tcp.header_length < kFixedHeader || tcp.header_length > segment_length)
        return context.fail(DecodeLayer::tcp, DecodeProblem::invalid, bytes);
    if (tcp.header_length > bytes.size()) return context.fail(DecodeLayer::tcp, DecodeProblem::truncated, bytes);
    const Bytes options = bytes.subspan(kFixedHeader, tcp.header_length - kFixedHeader);
    if (!decode_tcp_options(options, tcp.options))
        context.fail(DecodeLayer::tcp_options, DecodeProblem::invalid, options);
    tcp.payload = bytes.subspan(tcp.header_length);
    tcp.segment_length = segment_length - tcp.header_length;
}

}  // namespace netlens::packet::detail
