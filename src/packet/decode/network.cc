// From an ethertype to the network layer: VLAN tags are peeled off in a loop (802.1Q,
// 802.1ad and the older 0x9100 QinQ tag, kMaxVlanTags deep), then a table picks the IP
// decoder, and an IP header that carries a transport header hands on to it.
#include <array>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kVlanTag = 4;

void decode_ip(Bytes bytes, bool (*decode_header)(Bytes, IpHeader&, bool, DecodeContext&), DecodeContext& context) {
    IpHeader& ip = context.packet.ip;
    if (!decode_header(bytes, ip, false, context)) return;
    // Only the first fragment carries the transport header.
    if (ip.fragment_offset != 0) return;
    decode_transport(ip.protocol, ip.payload, ip.payload_length, context);
}

void decode_ipv4_packet(Bytes bytes, DecodeContext& context) { decode_ip(bytes, decode_ipv4, context); }
void decode_ipv6_packet(Bytes bytes, DecodeContext& context) { decode_ip(bytes, decode_ipv6, context); }

struct NetworkDecoder {
    std::uint16_t ethertype;
    void (*decode)(Bytes, DecodeContext&);
};
constexpr std::array<NetworkDecoder, 2> kNetworkDecoders{{
    {kEthertypeIpv4, decode_ipv4_packet},
    {kEthertypeIpv6, decode_ipv6_packet},
}};

constexpr std::array<std::uint16_t, 3> kVlanTpids{0x8100, 0x88a8, 0x9100};

bool is_vlan(std::uint16_t ethertype) {
    for (const auto tpid : kVlanTpids)
        if (tpid == ethertype) return true;
    return false;
}

}  // namespace

void decode_ethertype(std::uint16_t ethertype, Bytes bytes, DecodeContext& context) {
    LinkHeader& link = context.packet.link;
    while (is_vlan(ethertype)) {
        if (link.vlan_count == kMaxVlanTags) return context.fail(DecodeLayer::vlan, DecodeProblem::invalid, bytes);
        if (bytes.size() < kVlanTag) return context.fail(DecodeLayer::vlan, DecodeProblem::truncated, bytes);
        link.vlans[link.vlan_count++] = {ethertype, load_u16be(bytes, 0)};
        ethertype = load_u16be(bytes, 2);
        link.ethertype = ethertype;
        link.header_length += kVlanTag;
        bytes = bytes.subspan(kVlanTag);
    }
    for (const auto& decoder : kNetworkDecoders)
        if (decoder.ethertype == ethertype) return decoder.decode(bytes, context);
}

}  // namespace netlens::packet::detail
