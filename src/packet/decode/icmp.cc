// ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code and the 4 type-specific bytes. The
// error types quote the start of the packet that caused them — its IP header and at
// least 8 bytes after it — which is decoded into Packet::embedded with the same IP
// decoders, so that a "port unreachable" can be tied to the flow it answers.
#include <array>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kHeader = 8;

// Types that carry the original packet: v4 unreachable, source quench, redirect, time
// exceeded, parameter problem; v6 unreachable, packet too big, time exceeded, parameter
// problem.
constexpr std::array<std::uint8_t, 5> kIcmpErrors{3, 4, 5, 11, 12};
constexpr std::array<std::uint8_t, 4> kIcmpv6Errors{1, 2, 3, 4};

template <std::size_t N>
bool contains(const std::array<std::uint8_t, N>& types, std::uint8_t type) {
    for (const auto entry : types)
        if (entry == type) return true;
    return false;
}

// Ports (and a TCP sequence number) from the quoted transport bytes.
void decode_embedded_ports(EmbeddedPacket& embedded, DecodeContext& context) {
    const IpHeader& ip = embedded.ip;
    if (ip.fragment_offset != 0) return;
    if (ip.protocol != kIpProtocolTcp && ip.protocol != kIpProtocolUdp) return;
    if (ip.payload.size() < 4)
        return context.fail(DecodeLayer::embedded_transport, DecodeProblem::truncated, ip.payload);
    embedded.has_ports = true;
    embedded.source_port = load_u16be(ip.payload, 0);
    embedded.destination_port = load_u16be(ip.payload, 2);
    if (ip.protocol == kIpProtocolTcp && ip.payload.size() >= 8) {
        embedded.has_tcp_seq = true;
        embedded.tcp_seq = load_u32be(ip.payload, 4);
    }
}

void decode_icmp_common(Bytes bytes, Transport transport, bool error_type,
                        bool (*decode_quoted_ip)(Bytes, IpHeader&, bool, DecodeContext&), DecodeContext& context) {
    if (bytes.size() < kHeader) return context.fail(DecodeLayer::icmp, DecodeProblem::truncated, bytes);
    Packet& packet = context.packet;
    IcmpHeader& icmp = packet.icmp;
    packet.transport = transport;
    icmp.type = load_u8(bytes, 0);
    icmp.code = load_u8(bytes, 1);
    icmp.checksum = load_u16be(bytes, 2);
    icmp.rest = load_u32be(bytes, 4);
    icmp.payload = bytes.subspan(kHeader);
    icmp.error = error_type;
    if (!error_type) return;
    if (!decode_quoted_ip(icmp.payload, packet.embedded.ip, true, context)) return;
    packet.embedded.present = true;
    decode_embedded_ports(packet.embedded, context);
}

}  // namespace

void decode_icmp(Bytes bytes, std::uint32_t, DecodeContext& context) {
    const bool error = !bytes.empty() && contains(kIcmpErrors, load_u8(bytes, 0));
    decode_icmp_common(bytes, Transport::icmp, error, decode_ipv4, context);
}

void decode_icmpv6(Bytes bytes, std::uint32_t, DecodeContext& context) {
    const bool error = !bytes.empty() && contains(kIcmpv6Errors, load_u8(bytes, 0));
    decode_icmp_common(bytes, Transport::icmpv6, error, decode_ipv6, context);
}

}  // namespace netlens::packet::detail
