#include "packet/generate/frame_builder.h"

#include "packet/byte_writer.h"

namespace netlens::packet::generate {
namespace {

constexpr std::uint8_t kTtl = 64;

void write_link(ByteWriter& out, const Link& link, bool v6) {
    out.bytes(std::as_bytes(std::span(link.destination)));
    out.bytes(std::as_bytes(std::span(link.source)));
    if (link.vlan != 0) {
        out.u16be(kEtherTypeVlan);
        out.u16be(link.vlan & 0x0fff);  // priority 0, DEI 0
    }
    out.u16be(v6 ? kEtherTypeIpv6 : kEtherTypeIpv4);
}

Bytes address(const IpPair& ip, const std::array<std::uint8_t, 16>& which) {
    return std::as_bytes(std::span(which).first(ip.v6 ? 16 : 4));
}

// The IPv4 header (20 bytes, no options), checksum included. `fragment` holds the
// offset in 8-byte units and the MF/DF bits, as the header's flags+offset word.
void write_ipv4(ByteWriter& out, const IpPair& ip, std::uint8_t protocol, std::size_t payload_length,
                std::uint16_t id, std::uint16_t fragment) {
    std::size_t start = out.offset();
    out.u8(0x45);
    out.u8(0);
    out.u16be(static_cast<std::uint16_t>(20 + payload_length));
    out.u16be(id);
    out.u16be(fragment);
    out.u8(kTtl);
    out.u8(protocol);
    auto checksum = out.hole(2);
    out.bytes(address(ip, ip.source));
    out.bytes(address(ip, ip.destination));
    if (!out.ok()) return;
    auto header = out.written().subspan(start);
    store_u16be(checksum, 0, checksum_finish(checksum_add(0, header)));
}

void write_ip(ByteWriter& out, const IpPair& ip, std::uint8_t protocol, std::size_t payload_length,
              std::uint16_t id) {
    if (!ip.v6) {
        write_ipv4(out, ip, protocol, payload_length, id, 0x4000);  // DF, as Linux sends
        return;
    }
    out.u32be(0x60000000);
    out.u16be(static_cast<std::uint16_t>(payload_length));
    out.u8(protocol);
    out.u8(kTtl);
    out.bytes(address(ip, ip.source));
    out.bytes(address(ip, ip.destination));
}

std::uint32_t pseudo_header_sum(const IpPair& ip, std::uint8_t protocol, std::size_t length) {
    std::uint32_t sum = checksum_add(0, address(ip, ip.source));
    sum = checksum_add(sum, address(ip, ip.destination));
    return sum + protocol + static_cast<std::uint32_t>(length >> 16) + static_cast<std::uint32_t>(length & 0xffff);
}

// Transport header at `start` of `out` followed by `payload`: fills the checksum hole.
void finish_transport(ByteWriter& out, std::size_t start, std::span<std::byte> checksum, const IpPair& ip,
                      std::uint8_t protocol, bool zero_is_ffff) {
    if (!out.ok()) return;
    auto segment = out.written().subspan(start);
    std::uint16_t value = checksum_finish(checksum_add(pseudo_header_sum(ip, protocol, segment.size()), segment));
    if (zero_is_ffff && value == 0) value = 0xffff;  // UDP: 0 would mean "no checksum"
    store_u16be(checksum, 0, value);
}

void write_udp(ByteWriter& out, const IpPair& ip, std::uint16_t source_port, std::uint16_t destination_port,
               Bytes payload) {
    std::size_t start = out.offset();
    out.u16be(source_port);
    out.u16be(destination_port);
    out.u16be(static_cast<std::uint16_t>(8 + payload.size()));
    auto checksum = out.hole(2);
    out.bytes(payload);
    finish_transport(out, start, checksum, ip, kProtocolUdp, true);
}

}  // namespace

std::uint32_t checksum_add(std::uint32_t sum, Bytes bytes) {
    std::uint64_t wide = sum;
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) wide += load_u16be(bytes, i);
    if (i < bytes.size()) wide += std::uint32_t{load_u8(bytes, i)} << 8;
    while (wide >> 32) wide = (wide & 0xffffffff) + (wide >> 32);
    return static_cast<std::uint32_t>(wide);
}

std::uint16_t checksum_finish(std::uint32_t sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

std::size_t build_tcp_frame(std::span<std::byte> out_span, const Link& link, const IpPair& ip, const TcpFields& tcp,
                            Bytes payload, std::uint16_t ip_id) {
    ByteWriter out(out_span);
    std::size_t header_length = tcp.mss != 0 ? 24 : 20;
    write_link(out, link, ip.v6);
    write_ip(out, ip, kProtocolTcp, header_length + payload.size(), ip_id);
    std::size_t start = out.offset();
    out.u16be(tcp.source_port);
    out.u16be(tcp.destination_port);
    out.u32be(tcp.seq);
    out.u32be(tcp.ack);
    out.u8(static_cast<std::uint8_t>(header_length / 4 << 4));
    out.u8(tcp.flags);
    out.u16be(tcp.window);
    auto checksum = out.hole(2);
    out.u16be(0);  // urgent pointer
    if (tcp.mss != 0) {
        out.u8(2);  // kind: maximum segment size
        out.u8(4);
        out.u16be(tcp.mss);
    }
    out.bytes(payload);
    finish_transport(out, start, checksum, ip, kProtocolTcp, false);
    return out.ok() ? out.offset() : 0;
}

std::size_t build_udp_frame(std::span<std::byte> out_span, const Link& link, const IpPair& ip,
                            std::uint16_t source_port, std::uint16_t destination_port, Bytes payload,
                            std::uint16_t ip_id) {
    ByteWriter out(out_span);
    write_link(out, link, ip.v6);
    write_ip(out, ip, kProtocolUdp, 8 + payload.size(), ip_id);
    write_udp(out, ip, source_port, destination_port, payload);
    return out.ok() ? out.offset() : 0;
}

std::size_t build_udp_datagram(std::span<std::byte> out_span, const IpPair& ip, std::uint16_t source_port,
                               std::uint16_t destination_port, Bytes payload) {
    ByteWriter out(out_span);
    write_udp(out, ip, source_port, destination_port, payload);
    return out.ok() ? out.offset() : 0;
}

std::size_t build_ipv4_fragment(std::span<std::byte> out_span, const Link& link, const IpPair& ip,
                                std::uint8_t protocol, Bytes part, std::uint16_t ip_id, std::size_t offset,
                                bool more_fragments) {
    if (ip.v6 || offset % 8 != 0 || offset / 8 > 0x1fff) return 0;
    ByteWriter out(out_span);
    write_link(out, link, false);
    auto fragment = static_cast<std::uint16_t>((more_fragments ? 0x2000 : 0) | offset / 8);
    write_ipv4(out, ip, protocol, part.size(), ip_id, fragment);
    out.bytes(part);
    return out.ok() ? out.offset() : 0;
}

}  // namespace netlens::packet::generate
