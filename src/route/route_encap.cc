// Layouts as the kernel sends them (net/core/lwtunnel.c and each encap's fill_encap):
// ip/ip6 a nested key (id big-endian), mpls a stack of 4-byte label entries ending at
// the bottom-of-stack bit, seg6 an int mode followed by an IPv6 segment routing header
// whose segments are listed last first.
#include "route/route_encap.h"

#include <arpa/inet.h>
#include <endian.h>
#include <linux/lwtunnel.h>
#include <linux/mpls.h>
#include <linux/mpls_iptunnel.h>
#include <linux/seg6.h>
#include <linux/seg6_iptunnel.h>
#include <sys/socket.h>

#include <cstring>
#include <span>

#include "iface/named_table.h"
#include "iface/rtnl_names.h"
#include "netlink/attributes.h"

namespace netlens::iface {

namespace {

using netlink::AttributeIndex;

constexpr Named<uint16_t> kEncapTypes[] = {
    {LWTUNNEL_ENCAP_MPLS, "mpls"}, {LWTUNNEL_ENCAP_IP, "ip"}, {LWTUNNEL_ENCAP_IP6, "ip6"},
    {LWTUNNEL_ENCAP_ILA, "ila"}, {LWTUNNEL_ENCAP_BPF, "bpf"}, {LWTUNNEL_ENCAP_SEG6, "seg6"},
    {LWTUNNEL_ENCAP_SEG6_LOCAL, "seg6local"}, {LWTUNNEL_ENCAP_RPL, "rpl"}, {LWTUNNEL_ENCAP_IOAM6, "ioam6"},
    {LWTUNNEL_ENCAP_XFRM, "xfrm"},
};

constexpr Named<int32_t> kSeg6Modes[] = {
    {SEG6_IPTUN_MODE_INLINE, "inline"}, {SEG6_IPTUN_MODE_ENCAP, "encap"}, {SEG6_IPTUN_MODE_L2ENCAP, "l2encap"},
    {SEG6_IPTUN_MODE_ENCAP_RED, "encap.red"}, {SEG6_IPTUN_MODE_L2ENCAP_RED, "l2encap.red"},
};

// The ip and ip6 keys share a layout; only the attribute numbers and address family differ.
struct KeyAttributes {
    int family, id, source, destination, ttl, tos, flags;
};
constexpr KeyAttributes kIpKey{AF_INET, LWTUNNEL_IP_ID, LWTUNNEL_IP_SRC, LWTUNNEL_IP_DST,
                               LWTUNNEL_IP_TTL, LWTUNNEL_IP_TOS, LWTUNNEL_IP_FLAGS};
constexpr KeyAttributes kIp6Key{AF_INET6, LWTUNNEL_IP6_ID, LWTUNNEL_IP6_SRC, LWTUNNEL_IP6_DST,
                                LWTUNNEL_IP6_HOPLIMIT, LWTUNNEL_IP6_TC, LWTUNNEL_IP6_FLAGS};

std::string address(int family, const nlattr* attribute) {
    return attribute == nullptr ? std::string() : format_ip(family, netlink::read_bytes(attribute));
}

void read_key(const AttributeIndex& attributes, const KeyAttributes& key, RouteEncap& encap) {
    if (auto id = netlink::read_u64(attributes.get(key.id))) encap.id = be64toh(*id);
    encap.source = address(key.family, attributes.get(key.source));
    encap.destination = address(key.family, attributes.get(key.destination));
    encap.ttl = netlink::read_u8(attributes.get(key.ttl));
    encap.tos = netlink::read_u8(attributes.get(key.tos));
    encap.tunnel_flags = netlink::read_u16(attributes.get(key.flags));
}

// "100/200": label entries up to the one with the bottom-of-stack bit. ip gives up on a
// stack that does not end inside the attribute; so does this (no labels).
std::string mpls_labels(const nlattr* attribute) {
    const auto bytes = netlink::read_bytes(attribute);
    std::string text;
    for (size_t offset = 0; offset + sizeof(uint32_t) <= bytes.size(); offset += sizeof(uint32_t)) {
        uint32_t entry = 0;
        std::memcpy(&entry, bytes.data() + offset, sizeof(entry));
        entry = ntohl(entry);
        if (!text.empty()) text += '/';
        text += std::to_string((entry & MPLS_LS_LABEL_MASK) >> MPLS_LS_LABEL_SHIFT);
        if ((entry & MPLS_LS_S_MASK) != 0) return text;
    }
    return "";
}

// seg6_iptunnel_encap: an int mode, then the SRH: 8 header bytes and first_segment + 1
// addresses. With the HMAC flag the header's last 40 bytes are an HMAC TLV whose key id
// sits 4 bytes in.
void read_seg6(const nlattr* attribute, RouteEncap& encap) {
    const auto bytes = netlink::read_bytes(attribute);
    constexpr size_t kModeSize = sizeof(int32_t);
    if (bytes.size() < kModeSize + sizeof(ipv6_sr_hdr)) return;
    int32_t mode = 0;
    std::memcpy(&mode, bytes.data(), sizeof(mode));
    encap.seg6_mode = mode;
    ipv6_sr_hdr header;
    std::memcpy(&header, bytes.data() + kModeSize, sizeof(header));
    const auto srh = bytes.subspan(kModeSize);
    const size_t count = static_cast<size_t>(header.first_segment) + 1;
    if (srh.size() < sizeof(ipv6_sr_hdr) + count * 16) return;
    for (size_t i = count; i-- > 0;) {
        encap.segments.push_back(format_ip(AF_INET6, srh.subspan(sizeof(ipv6_sr_hdr) + i * 16, 16)));
    }
    if ((header.flags & SR6_FLAG1_HMAC) == 0) return;
    const size_t header_bytes = (static_cast<size_t>(header.hdrlen) + 1) * 8;
    if (header_bytes < 40 || header_bytes > srh.size()) return;
    uint32_t key_id = 0;
    std::memcpy(&key_id, srh.data() + header_bytes - 40 + 4, sizeof(key_id));
    encap.hmac_key_id = ntohl(key_id);
}

}  // namespace

std::optional<RouteEncap> decode_route_encap(const nlattr* type, const nlattr* encap_attribute) {
    const auto encap_type = netlink::read_u16(type);
    if (!encap_type) return std::nullopt;
    RouteEncap encap{.type = *encap_type};
    AttributeIndex attributes;
    if (encap_attribute == nullptr || !attributes.parse_nested(encap_attribute)) return encap;
    switch (encap.type) {
        case LWTUNNEL_ENCAP_IP: read_key(attributes, kIpKey, encap); break;
        case LWTUNNEL_ENCAP_IP6: read_key(attributes, kIp6Key, encap); break;
        case LWTUNNEL_ENCAP_MPLS:
            encap.labels = mpls_labels(attributes.get(MPLS_IPTUNNEL_DST));
            encap.ttl = netlink::read_u8(attributes.get(MPLS_IPTUNNEL_TTL));
            break;
        case LWTUNNEL_ENCAP_SEG6:
            if (const nlattr* srh = attributes.get(SEG6_IPTUNNEL_SRH)) read_seg6(srh, encap);
            break;
        default: return encap;
    }
    encap.decoded = true;
    return encap;
}

std::string encap_type_name(uint16_t type) { return lookup(kEncapTypes, type, "unknown"); }

std::string seg6_mode_name(int32_t mode) { return lookup(kSeg6Modes, mode, "<unknown>"); }

}  // namespace netlens::iface
