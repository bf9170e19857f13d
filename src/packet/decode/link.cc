// Link-layer headers, one decoder per link type, found through a table. Every one of them
// ends by naming the ethertype of what follows, so the network layer has a single entry.
#include <array>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kSllHeader = 16;
constexpr std::size_t kSll2Header = 20;
constexpr std::size_t kSllAddressBytes = 8;
constexpr std::size_t kNullHeader = 4;
// Below this, Ethernet's type field is an 802.3 length and an LLC header follows.
constexpr std::uint16_t kSmallestEthertype = 0x0600;

void hand_on(std::uint16_t ethertype, Bytes bytes, std::size_t header, DecodeContext& context) {
    context.packet.link.header_length = static_cast<std::uint32_t>(header);
    context.packet.link.ethertype = ethertype;
    decode_ethertype(ethertype, bytes.subspan(header), context);
}

void decode_ethernet(Bytes bytes, DecodeContext& context) {
    if (bytes.size() < kEthernetHeader) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    LinkHeader& link = context.packet.link;
    link.destination = bytes.subspan(0, 6);
    link.source = bytes.subspan(6, 6);
    const std::uint16_t type = load_u16be(bytes, 12);
    if (type < kSmallestEthertype) {
        link.header_length = kEthernetHeader;
        return;
    }
    hand_on(type, bytes, kEthernetHeader, context);
}

// The sender's link address: `length` bytes of an 8-byte field (a longer claim is cut to
// the field, as libpcap's own printer does).
Bytes sll_address(Bytes field, std::uint16_t length) {
    return field.first(length < kSllAddressBytes ? length : kSllAddressBytes);
}

void decode_sll(Bytes bytes, DecodeContext& context) {
    if (bytes.size() < kSllHeader) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    LinkHeader& link = context.packet.link;
    link.sll_packet_type = load_u16be(bytes, 0);
    link.sll_hardware_type = load_u16be(bytes, 2);
    link.source = sll_address(bytes.subspan(6, kSllAddressBytes), load_u16be(bytes, 4));
    hand_on(load_u16be(bytes, 14), bytes, kSllHeader, context);
}

void decode_sll2(Bytes bytes, DecodeContext& context) {
    if (bytes.size() < kSll2Header) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    LinkHeader& link = context.packet.link;
    link.sll_interface_index = load_u32be(bytes, 4);
    link.sll_hardware_type = load_u16be(bytes, 8);
    link.sll_packet_type = load_u8(bytes, 10);
    link.source = sll_address(bytes.subspan(12, kSllAddressBytes), load_u8(bytes, 11));
    hand_on(load_u16be(bytes, 0), bytes, kSll2Header, context);
}

void decode_raw(Bytes bytes, DecodeContext& context) {
    if (bytes.empty()) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    const unsigned version = load_u8(bytes, 0) >> 4;
    if (version == 4) return hand_on(kEthertypeIpv4, bytes, 0, context);
    if (version == 6) return hand_on(kEthertypeIpv6, bytes, 0, context);
    context.fail(DecodeLayer::link, DecodeProblem::invalid, bytes);
}

void decode_ipv4_link(Bytes bytes, DecodeContext& context) { hand_on(kEthertypeIpv4, bytes, 0, context); }
void decode_ipv6_link(Bytes bytes, DecodeContext& context) { hand_on(kEthertypeIpv6, bytes, 0, context); }

// Address families of BSD loopback headers: AF_INET is 2 everywhere, AF_INET6 differs by
// system (NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30), as tcpdump.org/linktypes.html lists.
struct FamilyEthertype {
    std::uint32_t family;
    std::uint16_t ethertype;
};
constexpr std::array<FamilyEthertype, 4> kFamilies{
    {{2, kEthertypeIpv4}, {24, kEthertypeIpv6}, {28, kEthertypeIpv6}, {30, kEthertypeIpv6}}};

void hand_on_family(std::uint32_t family, Bytes bytes, DecodeContext& context) {
    context.packet.link.family = family;
    context.packet.link.header_length = kNullHeader;
    for (const auto& entry : kFamilies)
        if (entry.family == family) return hand_on(entry.ethertype, bytes, kNullHeader, context);
}

// The family is in the byte order of the host that captured, which the file does not
// say; families are small, so a value with its high half set was written big-endian.
void decode_null(Bytes bytes, DecodeContext& context) {
    if (bytes.size() < kNullHeader) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    const std::uint32_t little = load_u32le(bytes, 0);
    hand_on_family(little > 0xffff ? load_u32be(bytes, 0) : little, bytes, context);
}

void decode_loop(Bytes bytes, DecodeContext& context) {
    if (bytes.size() < kNullHeader) return context.fail(DecodeLayer::link, DecodeProblem::truncated, bytes);
    hand_on_family(load_u32be(bytes, 0), bytes, context);
}

struct LinkDecoder {
    LinkType type;
    void (*decode)(Bytes, DecodeContext&);
};
constexpr std::array<LinkDecoder, 8> kLinkDecoders{{
    {LinkType::ethernet, decode_ethernet},
    {LinkType::linux_sll, decode_sll},
    {LinkType::linux_sll2, decode_sll2},
    {LinkType::raw, decode_raw},
    {LinkType::ipv4, decode_ipv4_link},
    {LinkType::ipv6, decode_ipv6_link},
    {LinkType::null, decode_null},
    {LinkType::loop, decode_loop},
}};

}  // namespace

void decode_link(LinkType link_type, Bytes bytes, DecodeContext& context) {
    context.packet.link.type = link_type;
    for (const auto& decoder : kLinkDecoders)
        if (decoder.type == link_type) return decoder.decode(bytes, context);
}

}  // namespace netlens::packet::detail
