// Word for word ip's print_rta_flow, print_rta_cacheinfo (ip/iproute.c) and
// lwt_print_encap (ip/iproute_lwtunnel.c), spaces included: ip prints " encap %s " after
// a word that ended in a space, and mpls labels as " %s ".
#include "route/route_extras_present.h"

#include <linux/if_tunnel.h>
#include <linux/lwtunnel.h>

#include <cstdio>

#include "route/route_encap.h"

namespace netlens::route {

using iface::RouteEncap;

namespace {

std::string hex_text(uint64_t value, const char* format) {
    char text[32];
    std::snprintf(text, sizeof(text), format, static_cast<unsigned long long>(value));
    return text;
}

struct TunnelFlag {
    uint16_t bit;
    const char* name;
};
// In ip's order; the bits as the kernel sends them (big-endian TUNNEL_* values).
const TunnelFlag kTunnelFlags[] = {{TUNNEL_KEY, "key"}, {TUNNEL_CSUM, "csum"}, {TUNNEL_SEQ, "seq"}};

bool is_ip6(const RouteEncap& encap) { return encap.type == LWTUNNEL_ENCAP_IP6; }

}  // namespace

void encap_words(Line& line, const RouteEncap& encap) {
    line.word("").word("encap").word(iface::encap_type_name(encap.type));
    if (encap.type == LWTUNNEL_ENCAP_IP || encap.type == LWTUNNEL_ENCAP_IP6) {
        if (encap.id) line.word("id").word(std::to_string(*encap.id));
        if (!encap.source.empty()) line.word("src").word(encap.source);
        if (!encap.destination.empty()) line.word("dst").word(encap.destination);
        if (encap.ttl) line.word(is_ip6(encap) ? "hoplimit" : "ttl").word(std::to_string(*encap.ttl));
        if (encap.tos) line.word(is_ip6(encap) ? "tc" : "tos").word(std::to_string(*encap.tos));
        for (const auto& flag : kTunnelFlags) {
            if (encap.tunnel_flags && (*encap.tunnel_flags & flag.bit) != 0) line.word(flag.name);
        }
    } else if (encap.type == LWTUNNEL_ENCAP_MPLS) {
        if (!encap.labels.empty()) line.word("").word(encap.labels);
        if (encap.ttl) line.word("ttl").word(std::to_string(*encap.ttl));
    } else if (encap.type == LWTUNNEL_ENCAP_SEG6 && encap.seg6_mode) {
        line.word("mode").word(iface::seg6_mode_name(*encap.seg6_mode));
        line.word("segs").word(std::to_string(encap.segments.size())).word("[").words(encap.segments).word("]");
        if (encap.hmac_key_id) line.word("hmac").word(hex_text(*encap.hmac_key_id, "%llX"));
    }
}

void add_encap_json(JsonRecord& record, const RouteEncap& encap) {
    record.text("encap", iface::encap_type_name(encap.type));
    JsonRecord info;
    if (encap.type == LWTUNNEL_ENCAP_IP || encap.type == LWTUNNEL_ENCAP_IP6) {
        if (encap.id) info.unsigned_number("id", *encap.id);
        if (!encap.source.empty()) info.text("src", encap.source);
        if (!encap.destination.empty()) info.text("dst", encap.destination);
        if (encap.ttl) info.unsigned_number(is_ip6(encap) ? "hoplimit" : "ttl", *encap.ttl);
        if (encap.tos) info.unsigned_number(is_ip6(encap) ? "tc" : "tos", *encap.tos);
        for (const auto& flag : kTunnelFlags) {
            if (encap.tunnel_flags && (*encap.tunnel_flags & flag.bit) != 0) info.boolean(flag.name, true);
        }
    } else if (encap.type == LWTUNNEL_ENCAP_MPLS) {
        if (!encap.labels.empty()) info.text("dst", encap.labels);
        if (encap.ttl) info.unsigned_number("ttl", *encap.ttl);
    } else if (encap.type == LWTUNNEL_ENCAP_SEG6 && encap.seg6_mode) {
        info.text("mode", iface::seg6_mode_name(*encap.seg6_mode)).texts("segs", encap.segments);
        if (encap.hmac_key_id) info.text("hmac", hex_text(*encap.hmac_key_id, "%#llx"));
    }
    if (encap.decoded) record.object("encap_info", info);
}

void flow_words(Line& line, uint32_t flow, const iface::IpNames& names) {
    const uint32_t from = flow >> 16;
    const uint32_t to = flow & 0xFFFF;
    if (from == 0) {
        line.word("realm").word(names.realm(to));
    } else {
        // ip looks the "from" realm up first: with rt_realms unread, that order decides
        // whether realm 0 is still "unknown".
        const std::string from_name = names.realm(from);
        line.word("realms").word(from_name + "/" + names.realm(to));
    }
}

JsonRecord flow_json(uint32_t flow, const iface::IpNames& names) {
    JsonRecord record;
    const uint32_t from = flow >> 16;
    if (from != 0) record.text("from", names.realm(from));
    record.text("to", names.realm(flow & 0xFFFF));
    return record;
}

void cache_info_words(Line& line, const iface::RouteCacheInfo& info, bool stats) {
    if (info.expires_s != 0) line.word("expires").word(std::to_string(info.expires_s) + "sec");
    if (info.error != 0) line.word("error").word(std::to_string(info.error));
    if (stats) {
        if (info.users != 0) line.word("users").word(std::to_string(info.users));
        if (info.used != 0) line.word("used").word(std::to_string(info.used));
        if (info.age_s != 0) line.word("age").word(std::to_string(info.age_s) + "sec");
    }
    if (info.ipid != 0) line.word("ipid").word(hex_text(info.ipid, "0x%04llx"));
    if (info.ts != 0 || info.tsage_s != 0) {
        line.word("ts").word(hex_text(info.ts, "0x%llx")).glued("tsage " + std::to_string(info.tsage_s) + "sec");
    }
}

void add_cache_info_json(JsonRecord& record, const iface::RouteCacheInfo& info, bool stats) {
    if (info.expires_s != 0) record.number("expires", info.expires_s);
    if (info.error != 0) record.unsigned_number("error", info.error);
    if (stats) {
        if (info.users != 0) record.unsigned_number("users", info.users);
        if (info.used != 0) record.unsigned_number("used", info.used);
        if (info.age_s != 0) record.unsigned_number("age", info.age_s);
    }
    if (info.ipid != 0) record.text("ipid", hex_text(info.ipid, "%#llx"));
    if (info.ts != 0 || info.tsage_s != 0) {
        record.text("ts", hex_text(info.ts, "%#llx")).unsigned_number("tsage", info.tsage_s);
    }
}

}  // namespace netlens::route
