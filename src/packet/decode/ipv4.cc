// The IPv4 header (RFC 791). The payload is cut to the total length, which drops the
// padding Ethernet adds to short frames; options are skipped as part of the header.
#include <sys/socket.h>

#include <algorithm>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kMinimumHeader = 20;
constexpr std::uint16_t kDontFragment = 0x4000;
constexpr std::uint16_t kMoreFragments = 0x2000;
constexpr std::uint16_t kOffsetMask = 0x1fff;

}  // namespace

bool decode_ipv4(Bytes bytes, IpHeader& ip, bool embedded, DecodeContext& context) {
    const DecodeLayer layer = embedded ? DecodeLayer::embedded_ip : DecodeLayer::ipv4;
    if (bytes.size() < kMinimumHeader) {
        context.fail(layer, DecodeProblem::truncated, bytes);
        return false;
    }
    const std::uint8_t version_and_length = load_u8(bytes, 0);
    const std::size_t header_length = (version_and_length & 0x0fU) * 4U;
    if (version_and_length >> 4 != 4 || header_length < kMinimumHeader) {
        context.fail(layer, DecodeProblem::invalid, bytes);
        return false;
    }
    if (header_length > bytes.size()) {
        context.fail(layer, DecodeProblem::truncated, bytes);
        return false;
    }
    ip.version = 4;
    ip.header_length = static_cast<std::uint16_t>(header_length);
    ip.tos = load_u8(bytes, 1);
    ip.total_length = load_u16be(bytes, 2);
    ip.id = load_u16be(bytes, 4);
    const std::uint16_t fragment = load_u16be(bytes, 6);
    ip.dont_fragment = (fragment & kDontFragment) != 0;
    ip.more_fragments = (fragment & kMoreFragments) != 0;
    ip.fragment_offset = static_cast<std::uint16_t>((fragment & kOffsetMask) * 8U);
    ip.fragmented = ip.more_fragments || ip.fragment_offset != 0;
    ip.ttl = load_u8(bytes, 8);
    ip.protocol = load_u8(bytes, 9);
    ip.checksum = load_u16be(bytes, 10);
    copy_address<4>(ip.source, AF_INET, bytes, 12);
    copy_address<4>(ip.destination, AF_INET, bytes, 16);
    // A total length of 0 is what a sender's capture shows when the NIC segments (TSO)
    // and fills the length in later: the packet is what was captured.
    if (ip.total_length == 0) ip.total_length = static_cast<std::uint32_t>(bytes.size());
    if (ip.total_length < header_length) {
        context.fail(layer, DecodeProblem::invalid, bytes);
        return false;
    }
    ip.payload_length = ip.total_length - static_cast<std::uint32_t>(header_length);
    const Bytes after = bytes.subspan(header_length);
    ip.payload = after.first(std::min<std::size_t>(after.size(), ip.payload_length));
    return true;
}

}  // namespace netlens::packet::detail
