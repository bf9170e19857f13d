// Our Packet rendered as tshark prints fields (-T fields -E occurrence=a), and the check
// that tshark and decode_packet agree on every field of every frame of a pcap file.
// Where a field occurs twice — an ICMP error's quoted IP header, stacked VLAN tags, SACK
// blocks — tshark joins the occurrences with ',', and so does render().
#pragma once

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packet/decode/decode.h"
#include "packet_decode_test_support.h"

namespace netlens::packet::packet_testing {

inline const std::vector<std::string> kFields{"ip.src",
                                              "ip.dst",
                                              "ip.proto",
                                              "ip.ttl",
                                              "ip.id",
                                              "ip.hdr_len",
                                              "ip.len",
                                              "ip.flags.df",
                                              "ip.flags.mf",
                                              "ip.frag_offset",
                                              "ipv6.src",
                                              "ipv6.dst",
                                              "ipv6.hlim",
                                              "ipv6.plen",
                                              "ipv6.flow",
                                              "tcp.srcport",
                                              "tcp.dstport",
                                              "tcp.seq_raw",
                                              "tcp.ack_raw",
                                              "tcp.flags",
                                              "tcp.window_size_value",
                                              "tcp.hdr_len",
                                              "tcp.len",
                                              "tcp.options.mss_val",
                                              "tcp.options.wscale.shift",
                                              "tcp.options.sack_le",
                                              "tcp.options.sack_re",
                                              "tcp.options.timestamp.tsval",
                                              "tcp.options.timestamp.tsecr",
                                              "udp.srcport",
                                              "udp.dstport",
                                              "udp.length",
                                              "icmp.type",
                                              "icmp.code",
                                              "icmpv6.type",
                                              "icmpv6.code",
                                              "icmpv6.mtu",
                                              "vlan.id",
                                              "ieee8021ad.id",
                                              "sll.pkttype",
                                              "sll.ifindex",
                                              "null.family"};

inline std::string hex(unsigned value, int digits) {
    char text[16];
    std::snprintf(text, sizeof(text), "0x%0*x", digits, value);
    return text;
}

// The value of `field` as tshark would print it from what we decoded; nullopt for a
// field we do not keep (the quoted UDP length, say), which is then not compared.
inline std::optional<std::string> render(const Packet& packet, const std::string& field) {
    std::vector<const IpHeader*> ips;
    if (packet.ip.version != 0) ips.push_back(&packet.ip);
    if (packet.embedded.present) ips.push_back(&packet.embedded.ip);
    const auto join_ip = [&](int version, auto value) {
        std::string text;
        for (const IpHeader* ip : ips) {
            if (ip->version != version) continue;
            if (!text.empty()) text += ',';
            text += value(*ip);
        }
        return text;
    };
    const auto number = [](auto value) { return std::to_string(value); };
    static const std::map<std::string, std::string (*)(const IpHeader&)> kIpFields{
        {"ip.src", [](const IpHeader& ip) { return ip.source.to_string(); }},
        {"ip.dst", [](const IpHeader& ip) { return ip.destination.to_string(); }},
        {"ip.proto", [](const IpHeader& ip) { return std::to_string(ip.protocol); }},
        {"ip.ttl", [](const IpHeader& ip) { return std::to_string(ip.ttl); }},
        {"ip.id", [](const IpHeader& ip) { return hex(ip.id, 4); }},
        {"ip.hdr_len", [](const IpHeader& ip) { return std::to_string(ip.header_length); }},
        {"ip.len", [](const IpHeader& ip) { return std::to_string(ip.total_length); }},
        {"ip.flags.df", [](const IpHeader& ip) { return std::string(ip.dont_fragment ? "1" : "0"); }},
        {"ip.flags.mf", [](const IpHeader& ip) { return std::string(ip.more_fragments ? "1" : "0"); }},
        {"ip.frag_offset", [](const IpHeader& ip) { return std::to_string(ip.fragment_offset / 8); }},
    };
    static const std::map<std::string, std::string (*)(const IpHeader&)> kIpv6Fields{
        {"ipv6.src", [](const IpHeader& ip) { return ip.source.to_string(); }},
        {"ipv6.dst", [](const IpHeader& ip) { return ip.destination.to_string(); }},
        {"ipv6.hlim", [](const IpHeader& ip) { return std::to_string(ip.ttl); }},
        {"ipv6.plen", [](const IpHeader& ip) { return std::to_string(ip.total_length - 40); }},
        {"ipv6.flow", [](const IpHeader& ip) { return hex(ip.flow_label, 6); }},
    };
    if (auto it = kIpFields.find(field); it != kIpFields.end()) return join_ip(4, it->second);
    if (auto it = kIpv6Fields.find(field); it != kIpv6Fields.end()) return join_ip(6, it->second);

    const TcpHeader& tcp = packet.tcp;
    const bool is_tcp = packet.transport == Transport::tcp;
    const bool is_udp = packet.transport == Transport::udp;
    const EmbeddedPacket& quoted = packet.embedded;
    const bool quoted_tcp = quoted.has_ports && quoted.ip.protocol == kIpProtocolTcp;
    const bool quoted_udp = quoted.has_ports && quoted.ip.protocol == kIpProtocolUdp;
    if (field == "tcp.srcport") return is_tcp ? number(tcp.source_port) : quoted_tcp ? number(quoted.source_port) : "";
    if (field == "tcp.dstport")
        return is_tcp ? number(tcp.destination_port) : quoted_tcp ? number(quoted.destination_port) : "";
    // tshark shows only the ports of a quoted TCP header cut at 8 bytes, not its sequence number.
    if (field == "tcp.seq_raw") return is_tcp ? std::optional(number(tcp.seq)) : std::nullopt;
    if (field == "udp.srcport")
        return is_udp ? number(packet.udp.source_port) : quoted_udp ? number(quoted.source_port) : "";
    if (field == "udp.dstport")
        return is_udp ? number(packet.udp.destination_port) : quoted_udp ? number(quoted.destination_port) : "";
    if (quoted.present && field.rfind("tcp.", 0) == 0) return std::nullopt;  // the rest of a quoted header
    if (quoted.present && field.rfind("udp.", 0) == 0) return std::nullopt;
    if (field == "udp.length") return is_udp ? number(packet.udp.length) : "";
    if (!is_tcp && field.rfind("tcp.", 0) == 0) return "";
    if (field == "tcp.ack_raw") return number(tcp.ack);
    if (field == "tcp.flags") return hex(tcp.flags, 4);
    if (field == "tcp.window_size_value") return number(tcp.window);
    if (field == "tcp.hdr_len") return number(tcp.header_length);
    if (field == "tcp.len") return number(tcp.segment_length);
    if (field == "tcp.options.mss_val") return tcp.options.has_mss ? number(tcp.options.mss) : "";
    if (field == "tcp.options.wscale.shift")
        return tcp.options.has_window_scale ? number(tcp.options.window_scale) : "";
    if (field == "tcp.options.timestamp.tsval")
        return tcp.options.has_timestamps ? number(tcp.options.timestamp_value) : "";
    if (field == "tcp.options.timestamp.tsecr")
        return tcp.options.has_timestamps ? number(tcp.options.timestamp_echo) : "";
    if (field == "tcp.options.sack_le" || field == "tcp.options.sack_re") {
        std::string text;
        for (std::size_t i = 0; i < tcp.options.sack_block_count; ++i) {
            if (!text.empty()) text += ',';
            const SackBlock& block = tcp.options.sack_blocks[i];
            text += number(field == "tcp.options.sack_le" ? block.left : block.right);
        }
        return text;
    }
    const bool v4 = packet.transport == Transport::icmp;
    const bool v6 = packet.transport == Transport::icmpv6;
    if (field == "icmp.type") return v4 ? number(packet.icmp.type) : "";
    if (field == "icmp.code") return v4 ? number(packet.icmp.code) : "";
    if (field == "icmpv6.type") return v6 ? number(packet.icmp.type) : "";
    if (field == "icmpv6.code") return v6 ? number(packet.icmp.code) : "";
    if (field == "icmpv6.mtu") return v6 && packet.icmp.type == 2 ? number(packet.icmp.rest) : "";
    // tshark names 802.1ad tags (0x88a8) apart from 802.1Q and 0x9100 ones.
    if (field == "vlan.id" || field == "ieee8021ad.id") {
        const bool service = field == "ieee8021ad.id";
        std::string text;
        for (std::size_t i = 0; i < packet.link.vlan_count; ++i) {
            if ((packet.link.vlans[i].tpid == 0x88a8) != service) continue;
            text += (text.empty() ? "" : ",") + number(packet.link.vlans[i].id());
        }
        return text;
    }
    const bool sll = packet.link.type == LinkType::linux_sll || packet.link.type == LinkType::linux_sll2;
    if (field == "sll.pkttype") return sll ? number(packet.link.sll_packet_type) : "";
    if (field == "sll.ifindex")
        return packet.link.type == LinkType::linux_sll2 ? number(packet.link.sll_interface_index) : "";
    if (field == "null.family")
        return packet.link.type == LinkType::null || packet.link.type == LinkType::loop ? number(packet.link.family)
                                                                                        : "";
    return std::nullopt;
}

inline void expect_same_as_tshark(const std::string& name, LinkType link_type, const std::vector<Frame>& frames) {
    const std::string path = scratch_path(name);
    write_pcap(path, link_type, frames);
    // Reassembly off: every fragment is shown as itself, as decode_packet sees it.
    const auto rows = tshark_fields(path, kFields, "-o ip.defragment:FALSE -o ipv6.defragment:FALSE");
    std::remove(path.c_str());
    ASSERT_EQ(rows.size(), frames.size()) << name;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const Packet packet = decode_packet(link_type, view(frames[i]));
        EXPECT_FALSE(packet.malformed) << name << " packet " << i + 1;
        for (std::size_t f = 0; f < kFields.size(); ++f) {
            const auto ours = render(packet, kFields[f]);
            if (ours) {
                EXPECT_EQ(*ours, rows[i][f]) << name << " packet " << i + 1 << " field " << kFields[f];
            }
        }
    }
}

}  // namespace netlens::packet::packet_testing
