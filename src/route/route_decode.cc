// Route messages carry their ways out in three shapes: a plain RTA_GATEWAY/RTA_OIF, an
// RTA_MULTIPATH array of rtnexthop entries (each followed by its own attributes), or an
// RTA_NH_ID naming a nexthop object. All three are decoded here; resolving an id into
// its object's ways out is left to the caller, which holds the nexthop table.
#include "route/route_decode.h"

#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <span>

#include "iface/rtnl_message.h"
#include "iface/rtnl_names.h"
#include "netlink/attributes.h"
#include "route/route_encap.h"

namespace netlens::iface {

namespace {

using netlink::AttributeIndex;

// RTA_VIA: a two-byte address family, then the address.
void read_via(const nlattr* attribute, int& family, std::string& address) {
    const auto bytes = netlink::read_bytes(attribute);
    if (bytes.size() < sizeof(rtvia)) return;
    uint16_t via_family = 0;
    std::memcpy(&via_family, bytes.data(), sizeof(via_family));
    address = format_ip(via_family, bytes.subspan(sizeof(via_family)));
    if (!address.empty()) family = via_family;
}

// The attributes that follow an rtnexthop header, each wholly inside `bytes`.
template <typename Fn>
void for_each_attribute(std::span<const uint8_t> bytes, Fn&& fn) {
    size_t offset = 0;
    while (bytes.size() - offset >= sizeof(nlattr)) {
        const auto* attribute = reinterpret_cast<const nlattr*>(bytes.data() + offset);
        const size_t size = attribute->nla_len;
        if (size < sizeof(nlattr) || size > bytes.size() - offset) return;
        fn(attribute);
        offset += std::min<size_t>(MNL_ALIGN(size), bytes.size() - offset);
    }
}

// RTA_MULTIPATH: rtnexthop entries one after another, each rtnh_len long (aligned).
// An entry claiming more than what is left ends the list, as it does for ip.
std::vector<RouteNexthop> read_multipath(int family, const nlattr* attribute) {
    std::vector<RouteNexthop> nexthops;
    const auto bytes = netlink::read_bytes(attribute);
    size_t offset = 0;
    while (bytes.size() - offset >= sizeof(rtnexthop)) {
        rtnexthop entry;
        std::memcpy(&entry, bytes.data() + offset, sizeof(entry));
        if (entry.rtnh_len < sizeof(rtnexthop) || entry.rtnh_len > bytes.size() - offset) break;
        RouteNexthop nexthop;
        nexthop.oif = entry.rtnh_ifindex;
        nexthop.weight = entry.rtnh_hops + 1;
        nexthop.flags = entry.rtnh_flags;
        const auto attributes = bytes.subspan(offset + sizeof(rtnexthop), entry.rtnh_len - sizeof(rtnexthop));
        const nlattr* encap_type = nullptr;
        const nlattr* encap = nullptr;
        for_each_attribute(attributes, [&](const nlattr* inner) {
            switch (mnl_attr_get_type(inner)) {
                case RTA_ENCAP_TYPE: encap_type = inner; break;
                case RTA_ENCAP: encap = inner; break;
                case RTA_GATEWAY: nexthop.gateway = ip_attribute(family, inner); break;
                case RTA_VIA: read_via(inner, nexthop.via_family, nexthop.via); break;
                case RTA_FLOW: nexthop.flow = netlink::read_u32(inner); break;
                default: break;
            }
        });
        nexthop.encap = decode_route_encap(encap_type, encap);
        nexthops.push_back(std::move(nexthop));
        offset += std::min<size_t>(RTNH_ALIGN(entry.rtnh_len), bytes.size() - offset);
    }
    return nexthops;
}

// RTA_METRICS: nested RTAX_* values; RTAX_LOCK is a bit set of the locked ones. A
// locked metric is listed even without a value, as ip lists it.
std::vector<RouteMetric> read_metrics(const nlattr* attribute) {
    std::vector<RouteMetric> metrics;
    AttributeIndex values;
    if (!values.parse_nested(attribute)) return metrics;
    const uint32_t locks = netlink::read_u32(values.get(RTAX_LOCK)).value_or(0);
    for (int type = RTAX_LOCK + 1; type <= RTAX_MAX; ++type) {
        const nlattr* value = values.get(type);
        const bool locked = (locks & (1U << type)) != 0;
        if (value == nullptr && !locked) continue;
        RouteMetric metric{.type = static_cast<uint16_t>(type), .locked = locked};
        if (type == RTAX_CC_ALGO) {
            metric.congestion = netlink::read_string(value).value_or("");
        } else {
            metric.value = netlink::read_u32(value).value_or(0);
        }
        metrics.push_back(std::move(metric));
    }
    return metrics;
}

// RTA_CACHEINFO counts in clock ticks (USER_HZ), as times reach user space; ip divides
// them by the same rate, rounding toward zero.
std::optional<RouteCacheInfo> read_cacheinfo(const nlattr* attribute) {
    const auto info = netlink::read_struct<rta_cacheinfo>(attribute);
    if (!info) return std::nullopt;
    static const long ticks = sysconf(_SC_CLK_TCK);
    const long hz = ticks > 0 ? ticks : 100;
    return RouteCacheInfo{.expires_s = info->rta_expires / hz,
                          .error = info->rta_error,
                          .users = info->rta_clntref,
                          .used = info->rta_used,
                          .age_s = static_cast<uint32_t>(info->rta_lastuse / hz),
                          .ipid = info->rta_id,
                          .ts = info->rta_ts,
                          .tsage_s = info->rta_tsage};
}

}  // namespace

std::optional<Route> decode_route(const nlmsghdr* message) {
    const auto* info = fixed_header<rtmsg>(message);
    AttributeIndex attributes;
    if (info == nullptr || !attributes.parse(message, sizeof(rtmsg))) return std::nullopt;

    Route route;
    const int family = info->rtm_family;
    route.family = family;
    route.type = info->rtm_type;
    route.table = netlink::read_u32(attributes.get(RTA_TABLE)).value_or(info->rtm_table);
    route.protocol = info->rtm_protocol;
    route.scope = info->rtm_scope;
    route.tos = info->rtm_tos;
    route.flags = info->rtm_flags;
    route.destination = ip_attribute(family, attributes.get(RTA_DST));
    route.destination_length = info->rtm_dst_len;
    route.source = ip_attribute(family, attributes.get(RTA_SRC));
    route.source_length = info->rtm_src_len;
    route.gateway = ip_attribute(family, attributes.get(RTA_GATEWAY));
    read_via(attributes.get(RTA_VIA), route.via_family, route.via);
    route.preferred_source = ip_attribute(family, attributes.get(RTA_PREFSRC));
    route.oif = static_cast<int>(netlink::read_u32(attributes.get(RTA_OIF)).value_or(0));
    route.iif = static_cast<int>(netlink::read_u32(attributes.get(RTA_IIF)).value_or(0));
    route.metric = netlink::read_u32(attributes.get(RTA_PRIORITY));
    route.nexthop_id = netlink::read_u32(attributes.get(RTA_NH_ID));
    route.preference = netlink::read_u8(attributes.get(RTA_PREF));
    route.mark = netlink::read_u32(attributes.get(RTA_MARK));
    route.uid = netlink::read_u32(attributes.get(RTA_UID));
    route.cache_info = read_cacheinfo(attributes.get(RTA_CACHEINFO));
    route.flow = netlink::read_u32(attributes.get(RTA_FLOW));
    route.encap = decode_route_encap(attributes.get(RTA_ENCAP_TYPE), attributes.get(RTA_ENCAP));
    if (const nlattr* metrics = attributes.get(RTA_METRICS)) route.metrics = read_metrics(metrics);
    if (const nlattr* multipath = attributes.get(RTA_MULTIPATH)) route.nexthops = read_multipath(family, multipath);
    return route;
}

std::optional<Nexthop> decode_nexthop(const nlmsghdr* message) {
    const auto* info = fixed_header<nhmsg>(message);
    AttributeIndex attributes;
    if (info == nullptr || !attributes.parse(message, sizeof(nhmsg))) return std::nullopt;
    const auto id = netlink::read_u32(attributes.get(NHA_ID));
    if (!id) return std::nullopt;

    Nexthop nexthop;
    nexthop.id = *id;
    nexthop.family = info->nh_family;
    nexthop.scope = info->nh_scope;
    nexthop.protocol = info->nh_protocol;
    nexthop.flags = info->nh_flags;
    nexthop.gateway = ip_attribute(info->nh_family, attributes.get(NHA_GATEWAY));
    nexthop.oif = static_cast<int>(netlink::read_u32(attributes.get(NHA_OIF)).value_or(0));
    nexthop.blackhole = attributes.get(NHA_BLACKHOLE) != nullptr;
    nexthop.fdb = attributes.get(NHA_FDB) != nullptr;
    nexthop.group_type = netlink::read_u16(attributes.get(NHA_GROUP_TYPE)).value_or(NEXTHOP_GRP_TYPE_MPATH);
    // NHA_GROUP: an array of nexthop_grp; a length that is not a whole number of
    // entries is malformed, as ip also refuses it.
    if (const nlattr* group = attributes.get(NHA_GROUP)) {
        const auto bytes = netlink::read_bytes(group);
        if (bytes.empty() || bytes.size() % sizeof(nexthop_grp) != 0) return std::nullopt;
        for (size_t offset = 0; offset < bytes.size(); offset += sizeof(nexthop_grp)) {
            nexthop_grp entry;
            std::memcpy(&entry, bytes.data() + offset, sizeof(entry));
            nexthop.group.push_back({.id = entry.id, .weight = entry.weight + 1});
        }
    }
    return nexthop;
}

}  // namespace netlens::iface
