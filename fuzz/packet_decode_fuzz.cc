// Feeds one packet to decode_packet and its fragment, if it is one, to a
// FragmentReassembler. The first input byte picks the link type (from the ones decoded,
// plus one that is not); the rest is the packet as captured. Every view the Packet holds
// must lie inside the input, and every reported offset too.
//
// So that one input can reach the layout of overlapping and complete datagrams, the
// fragment is also offered a second time as if it sat 8 bytes further on and, flipped,
// as the datagram's end; a datagram that completes is decoded from its transport header.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "packet/decode/decode.h"
#include "packet/ipv4_reassembly.h"

namespace {

using netlens::packet::Bytes;
using netlens::packet::LinkType;

constexpr std::array<LinkType, 9> kLinkTypes{LinkType::ethernet, LinkType::linux_sll, LinkType::linux_sll2,
                                             LinkType::raw,      LinkType::ipv4,      LinkType::ipv6,
                                             LinkType::null,     LinkType::loop,      static_cast<LinkType>(147)};

void check_inside(Bytes view, Bytes input) {
    if (view.empty()) return;
    if (view.data() < input.data() || view.data() + view.size() > input.data() + input.size()) std::abort();
}

void check_packet(const netlens::packet::Packet& packet, Bytes input) {
    for (const Bytes view : {packet.link.source, packet.link.destination, packet.ip.payload, packet.tcp.payload,
                             packet.udp.payload, packet.icmp.payload, packet.embedded.ip.payload})
        check_inside(view, input);
    if (packet.malformed && packet.malformed.offset > input.size()) std::abort();
    if (packet.link.vlan_count > netlens::packet::kMaxVlanTags) std::abort();
    if (packet.tcp.options.sack_block_count > netlens::packet::kMaxSackBlocks) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const Bytes input{reinterpret_cast<const std::byte*>(data) + 1, size - 1};
    const LinkType link_type = kLinkTypes[data[0] % kLinkTypes.size()];
    const netlens::packet::Packet packet = netlens::packet::decode_packet(link_type, input);
    check_packet(packet, input);
    if (!packet.ip.fragmented) return 0;

    netlens::packet::FragmentReassembler reassembler{{.timeout_ns = 1000, .max_bytes = 1 << 16, .max_datagrams = 4}};
    netlens::packet::IpHeader moved = packet.ip;
    moved.fragment_offset = static_cast<std::uint16_t>(moved.fragment_offset + 8);
    moved.more_fragments = !moved.more_fragments;
    for (const auto& [fragment, time] : {std::pair{packet.ip, 0}, std::pair{moved, 10}, std::pair{packet.ip, 20}}) {
        const auto whole = reassembler.add(fragment, time);
        if (!whole) continue;
        if (whole->payload.size() > 65535) std::abort();
        netlens::packet::Packet reassembled = packet;
        netlens::packet::decode_transport_payload(whole->protocol, whole->payload, reassembled);
        for (const Bytes view : {reassembled.tcp.payload, reassembled.udp.payload, reassembled.icmp.payload})
            check_inside(view, whole->payload);
        if (reassembled.malformed.offset > whole->payload.size()) std::abort();
    }
    if (reassembler.bytes_held() > (1 << 16)) std::abort();
    return 0;
}
