// The IPv6 header (RFC 8200) and the walk over its extension headers to the protocol of
// the payload. Hop-by-hop, routing, destination options and the mobility/HIP/shim6
// headers share one length rule; the fragment header is 8 bytes and says where the
// fragment sits; AH counts its length in 4-byte words (RFC 4302). ESP encrypts what
// follows, so the walk stops at it, as it does at "no next header" (59).
#include <sys/socket.h>

#include <algorithm>
#include <array>

#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::size_t kFixedHeader = 40;
constexpr std::size_t kFragmentHeader = 8;
constexpr std::uint8_t kFragment = 44;
// More extension headers than this in one packet is an attack or garbage, not traffic.
constexpr std::size_t kMaxExtensions = 16;

enum class LengthRule : std::uint8_t { eight_byte_units, fixed_eight, ah_four_byte_units };

struct Extension {
    std::uint8_t next_header;
    LengthRule rule;
};
constexpr std::array<Extension, 8> kExtensions{{
    {0, LengthRule::eight_byte_units},   // hop-by-hop options
    {43, LengthRule::eight_byte_units},  // routing
    {kFragment, LengthRule::fixed_eight},
    {51, LengthRule::ah_four_byte_units},  // authentication header
    {60, LengthRule::eight_byte_units},    // destination options
    {135, LengthRule::eight_byte_units},   // mobility
    {139, LengthRule::eight_byte_units},   // HIP
    {140, LengthRule::eight_byte_units},   // shim6
}};

const Extension* find_extension(std::uint8_t next_header) {
    for (const auto& extension : kExtensions)
        if (extension.next_header == next_header) return &extension;
    return nullptr;
}

std::size_t extension_length(LengthRule rule, std::uint8_t length_field) {
    switch (rule) {
        case LengthRule::eight_byte_units: return (length_field + 1U) * 8U;
        case LengthRule::fixed_eight: return kFragmentHeader;
        case LengthRule::ah_four_byte_units: return (length_field + 2U) * 4U;
    }
    return kFragmentHeader;
}

// Walks the extension headers at the start of `region` (the payload as captured, of
// `wire_length` bytes on the wire); leaves `ip` at the first byte after them.
bool walk_extensions(std::uint8_t next_header, Bytes region, std::uint32_t wire_length, IpHeader& ip, bool embedded,
                     DecodeContext& context) {
    const DecodeLayer layer = embedded ? DecodeLayer::embedded_ip : DecodeLayer::ipv6_extension;
    bool ok = true;
    for (const Extension* extension = find_extension(next_header); extension != nullptr;
         extension = find_extension(next_header)) {
        if (ip.extension_count == kMaxExtensions) {
            context.fail(layer, DecodeProblem::invalid, region);
            ok = false;
            break;
        }
        if (region.size() < 2) {
            context.fail(layer, wire_length < 2 ? DecodeProblem::invalid : DecodeProblem::truncated, region);
            ok = false;
            break;
        }
        const std::size_t length = extension_length(extension->rule, load_u8(region, 1));
        if (length > region.size()) {
            context.fail(layer, length > wire_length ? DecodeProblem::invalid : DecodeProblem::truncated, region);
            ok = false;
            break;
        }
        if (extension->next_header == kFragment) {
            const std::uint16_t offset_and_flags = load_u16be(region, 2);
            ip.fragmented = true;
            ip.fragment_offset = offset_and_flags & 0xfff8;
            ip.more_fragments = (offset_and_flags & 1) != 0;
            ip.id = load_u32be(region, 4);
        }
        next_header = load_u8(region, 0);
        region = region.subspan(length);
        wire_length -= static_cast<std::uint32_t>(length);
        ip.header_length = static_cast<std::uint16_t>(ip.header_length + length);
        ++ip.extension_count;
        // A later fragment's next header names the protocol, but its bytes are data.
        if (ip.fragment_offset != 0) break;
    }
    ip.protocol = next_header;
    ip.payload = region;
    ip.payload_length = wire_length;
    return ok;
}

}  // namespace

bool decode_ipv6(Bytes bytes, IpHeader& ip, bool embedded, DecodeContext& context) {
    const DecodeLayer layer = embedded ? DecodeLayer::embedded_ip : DecodeLayer::ipv6;
    if (bytes.size() < kFixedHeader) {
        context.fail(layer, DecodeProblem::truncated, bytes);
        return false;
    }
    const std::uint32_t first_word = load_u32be(bytes, 0);
    if (first_word >> 28 != 6) {
        context.fail(layer, DecodeProblem::invalid, bytes);
        return false;
    }
    ip.version = 6;
    ip.tos = static_cast<std::uint8_t>(first_word >> 20);
    ip.flow_label = first_word & 0xfffff;
    const std::uint16_t payload_length = load_u16be(bytes, 4);
    ip.protocol = load_u8(bytes, 6);
    ip.ttl = load_u8(bytes, 7);
    copy_address<16>(ip.source, AF_INET6, bytes, 8);
    copy_address<16>(ip.destination, AF_INET6, bytes, 24);
    ip.header_length = kFixedHeader;
    const Bytes after = bytes.subspan(kFixedHeader);
    // A payload length of 0 is a jumbogram (RFC 2675), whose real length sits in a
    // hop-by-hop option: what was captured is the payload.
    ip.jumbogram = payload_length == 0;
    const std::uint32_t wire_length = ip.jumbogram ? static_cast<std::uint32_t>(after.size()) : payload_length;
    ip.total_length = kFixedHeader + wire_length;
    return walk_extensions(ip.protocol, after.first(std::min<std::size_t>(after.size(), wire_length)), wire_length, ip,
                           embedded, context);
}

}  // namespace netlens::packet::detail
