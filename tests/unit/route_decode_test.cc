// Route and nexthop-object messages built by hand the way the kernel lays them out:
// multipath entries (RTA_MULTIPATH), a gateway of another family (RTA_VIA), nexthop
// ids, metrics, cache info; then damaged ones. And the ways out of a route, whichever
// shape they came in.
#include "route/route_decode.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>
#include <linux/icmpv6.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "iface/rtnl_decode.h"
#include "route/route_paths.h"
#include "rtnl_test_support.h"

namespace netlens::iface {
namespace {

using namespace test_support;  // NOLINT: test shorthands

rtmsg* route_header(Messages& messages, nlmsghdr*& header, uint8_t family, uint8_t dst_len) {
    header = messages.add(RTM_NEWROUTE);
    auto* info = messages.extra<rtmsg>(header);
    info->rtm_family = family;
    info->rtm_table = RT_TABLE_MAIN;
    info->rtm_type = RTN_UNICAST;
    info->rtm_dst_len = dst_len;
    return info;
}

// One rtnexthop entry with its attributes, appended inside an open RTA_MULTIPATH nest.
void put_nexthop(nlmsghdr* header, int ifindex, uint8_t hops, uint8_t flags, const std::vector<uint8_t>& gateway,
                 uint16_t gateway_type = RTA_GATEWAY) {
    auto* entry = static_cast<rtnexthop*>(mnl_nlmsg_get_payload_tail(header));
    header->nlmsg_len += MNL_ALIGN(sizeof(rtnexthop));
    entry->rtnh_ifindex = ifindex;
    entry->rtnh_hops = hops;
    entry->rtnh_flags = flags;
    const auto before = header->nlmsg_len;
    if (!gateway.empty()) mnl_attr_put(header, gateway_type, gateway.size(), gateway.data());
    entry->rtnh_len = static_cast<uint16_t>(sizeof(rtnexthop) + header->nlmsg_len - before);
}

std::vector<uint8_t> v4(const char* text) {
    const auto bytes = ipv4(text);
    return {bytes.begin(), bytes.end()};
}

std::vector<uint8_t> via6(const char* text) {
    std::vector<uint8_t> bytes(2 + 16);
    const uint16_t family = AF_INET6;
    std::memcpy(bytes.data(), &family, 2);
    const auto address = ipv6(text);
    std::memcpy(bytes.data() + 2, address.data(), 16);
    return bytes;
}

TEST(DecodeRoute, MultipathEntriesWithWeightsFlagsAndVia) {
    Messages messages;
    nlmsghdr* header = nullptr;
    route_header(messages, header, AF_INET, 16)->rtm_protocol = RTPROT_STATIC;
    put_bytes(header, RTA_DST, ipv4("10.9.0.0"));
    nlattr* nest = mnl_attr_nest_start(header, RTA_MULTIPATH);
    put_nexthop(header, 2, 1, 0, v4("10.0.0.2"));
    put_nexthop(header, 3, 0, RTNH_F_LINKDOWN | RTNH_F_DEAD, v4("10.0.1.2"));
    put_nexthop(header, 4, 4, RTNH_F_ONLINK, via6("fe80::1"), RTA_VIA);
    mnl_attr_nest_end(header, nest);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    ASSERT_EQ(route->nexthops.size(), 3u);
    EXPECT_EQ(route->nexthops[0].gateway, "10.0.0.2");
    EXPECT_EQ(route->nexthops[0].oif, 2);
    EXPECT_EQ(route->nexthops[0].weight, 2);
    EXPECT_EQ(route->nexthops[1].gateway, "10.0.1.2");
    EXPECT_EQ(route->nexthops[1].weight, 1);
    EXPECT_EQ(route->nexthops[1].flags, static_cast<uint32_t>(RTNH_F_LINKDOWN | RTNH_F_DEAD));
    EXPECT_EQ(route->nexthops[2].gateway, "");
    EXPECT_EQ(route->nexthops[2].via, "fe80::1");
    EXPECT_EQ(route->nexthops[2].via_family, AF_INET6);
    EXPECT_EQ(route->nexthops[2].weight, 5);
    EXPECT_EQ(route_paths(*route).size(), 3u);
}

TEST(DecodeRoute, MultipathEntryLongerThanItsAttributeEndsTheList) {
    Messages messages;
    nlmsghdr* header = nullptr;
    route_header(messages, header, AF_INET, 16);
    nlattr* nest = mnl_attr_nest_start(header, RTA_MULTIPATH);
    put_nexthop(header, 2, 0, 0, v4("10.0.0.2"));
    put_nexthop(header, 3, 0, 0, v4("10.0.1.2"));
    mnl_attr_nest_end(header, nest);
    // The second entry claims far more than the attribute holds.
    auto* second = reinterpret_cast<rtnexthop*>(static_cast<uint8_t*>(mnl_attr_get_payload(nest)) +
                                                RTNH_ALIGN(sizeof(rtnexthop) + MNL_ATTR_HDRLEN + 4));
    second->rtnh_len = 4000;

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    ASSERT_EQ(route->nexthops.size(), 1u);
    EXPECT_EQ(route->nexthops[0].gateway, "10.0.0.2");
}

TEST(DecodeRoute, ViaNexthopIdPreferenceAndCacheInfo) {
    Messages messages;
    nlmsghdr* header = nullptr;
    route_header(messages, header, AF_INET, 16);
    const auto via = via6("fe80::1");
    mnl_attr_put(header, RTA_VIA, via.size(), via.data());
    mnl_attr_put_u32(header, RTA_NH_ID, 10);
    mnl_attr_put_u8(header, RTA_PREF, ICMPV6_ROUTER_PREF_HIGH);
    mnl_attr_put_u32(header, RTA_UID, 0);
    rta_cacheinfo cache{};
    cache.rta_expires = static_cast<int32_t>(300 * sysconf(_SC_CLK_TCK));
    mnl_attr_put(header, RTA_CACHEINFO, sizeof(cache), &cache);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    EXPECT_EQ(route->via, "fe80::1");
    EXPECT_EQ(route->via_family, AF_INET6);
    EXPECT_EQ(route->gateway, "");
    EXPECT_EQ(route->nexthop_id, 10u);
    EXPECT_EQ(route->preference, ICMPV6_ROUTER_PREF_HIGH);
    EXPECT_EQ(route->uid, 0u);
    ASSERT_TRUE(route->cache_info.has_value());
    EXPECT_EQ(route->cache_info->expires_s, 300);
}

TEST(DecodeRoute, ShortViaIsAbsent) {
    Messages messages;
    nlmsghdr* header = nullptr;
    route_header(messages, header, AF_INET, 16);
    const std::vector<uint8_t> short_via = {AF_INET6, 0, 0xfe};
    mnl_attr_put(header, RTA_VIA, short_via.size(), short_via.data());
    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    EXPECT_EQ(route->via, "");
    EXPECT_EQ(route->via_family, 0);
}

TEST(DecodeRoute, MetricsWithLocksAndCongestionControl) {
    Messages messages;
    nlmsghdr* header = nullptr;
    route_header(messages, header, AF_INET, 16);
    nlattr* nest = mnl_attr_nest_start(header, RTA_METRICS);
    mnl_attr_put_u32(header, RTAX_LOCK, 1U << RTAX_MTU | 1U << RTAX_WINDOW);
    mnl_attr_put_u32(header, RTAX_MTU, 1400);
    mnl_attr_put_u32(header, RTAX_RTT, 160);
    mnl_attr_put_u32(header, RTAX_FEATURES, RTAX_FEATURE_ECN);
    mnl_attr_put_strz(header, RTAX_CC_ALGO, "cubic");
    mnl_attr_nest_end(header, nest);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    ASSERT_EQ(route->metrics.size(), 5u);
    EXPECT_EQ(route->metrics[0].type, RTAX_MTU);
    EXPECT_EQ(route->metrics[0].value, 1400u);
    EXPECT_TRUE(route->metrics[0].locked);
    EXPECT_EQ(route->metrics[1].type, RTAX_WINDOW);  // locked without a value, as ip lists it
    EXPECT_TRUE(route->metrics[1].locked);
    EXPECT_EQ(route->metrics[2].type, RTAX_RTT);
    EXPECT_EQ(route->metrics[2].value, 160u);
    EXPECT_FALSE(route->metrics[2].locked);
    EXPECT_EQ(route->metrics[3].type, RTAX_FEATURES);
    EXPECT_EQ(route->metrics[4].type, RTAX_CC_ALGO);
    EXPECT_EQ(route->metrics[4].congestion, "cubic");
}

nlmsghdr* nexthop_message(Messages& messages, uint32_t id) {
    nlmsghdr* header = messages.add(RTM_NEWNEXTHOP);
    auto* info = messages.extra<nhmsg>(header);
    info->nh_family = AF_INET;
    info->nh_scope = RT_SCOPE_LINK;
    mnl_attr_put_u32(header, NHA_ID, id);
    return header;
}

TEST(DecodeNexthop, SingleAndGroupResolveIntoWaysOut) {
    Messages messages;
    nlmsghdr* first = nexthop_message(messages, 1);
    put_bytes(first, NHA_GATEWAY, ipv4("10.0.0.3"));
    mnl_attr_put_u32(first, NHA_OIF, 2);
    nlmsghdr* second = nexthop_message(messages, 2);
    put_bytes(second, NHA_GATEWAY, ipv4("10.0.1.3"));
    mnl_attr_put_u32(second, NHA_OIF, 3);
    nlmsghdr* group = nexthop_message(messages, 10);
    const nexthop_grp members[] = {{.id = 1, .weight = 2}, {.id = 2, .weight = 0}};
    mnl_attr_put(group, NHA_GROUP, sizeof(members), members);

    std::vector<Nexthop> table;
    for (nlmsghdr* header : {first, second, group}) {
        auto nexthop = decode_nexthop(header);
        ASSERT_TRUE(nexthop.has_value());
        table.push_back(*nexthop);
    }
    EXPECT_EQ(table[0].gateway, "10.0.0.3");
    EXPECT_EQ(table[0].oif, 2);
    EXPECT_EQ(table[0].scope, RT_SCOPE_LINK);
    ASSERT_EQ(table[2].group.size(), 2u);
    EXPECT_EQ(table[2].group[0].weight, 3);

    const auto paths = resolve_nexthop(table, 10);
    ASSERT_EQ(paths.size(), 2u);
    EXPECT_EQ(paths[0].gateway, "10.0.0.3");
    EXPECT_EQ(paths[0].weight, 3);
    EXPECT_EQ(paths[0].nexthop_id, 1u);
    EXPECT_EQ(paths[1].oif, 3);
    EXPECT_EQ(paths[1].weight, 1);
    EXPECT_TRUE(resolve_nexthop(table, 99).empty());

    // A route naming the group without its ways out (nexthop compat mode off).
    Route route;
    route.nexthop_id = 10;
    ASSERT_TRUE(needs_nexthop_table(route));
    resolve_route_nexthops(route, table);
    EXPECT_EQ(route_paths(route).size(), 2u);
}

TEST(DecodeNexthop, GroupOfPartialEntriesOrWithoutIdIsNullopt) {
    Messages messages;
    nlmsghdr* group = nexthop_message(messages, 10);
    const std::array<uint8_t, 12> ragged{};  // one and a half nexthop_grp
    put_bytes(group, NHA_GROUP, ragged);
    EXPECT_FALSE(decode_nexthop(group).has_value());

    nlmsghdr* anonymous = messages.add(RTM_NEWNEXTHOP);
    messages.extra<nhmsg>(anonymous);
    EXPECT_FALSE(decode_nexthop(anonymous).has_value());
}

TEST(DecodeNexthop, BlackholeHasNoWayOut) {
    Messages messages;
    nlmsghdr* header = nexthop_message(messages, 7);
    mnl_attr_put(header, NHA_BLACKHOLE, 0, nullptr);
    const auto nexthop = decode_nexthop(header);
    ASSERT_TRUE(nexthop.has_value());
    EXPECT_TRUE(nexthop->blackhole);
    EXPECT_TRUE(resolve_nexthop({*nexthop}, 7).empty());
}

TEST(RoutePaths, PlainRouteIsItsOwnWayOutAndBlackholeHasNone) {
    Route plain;
    plain.gateway = "192.0.2.1";
    plain.oif = 2;
    plain.flags = RTNH_F_ONLINK | RTM_F_CLONED;
    const auto paths = route_paths(plain);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].gateway, "192.0.2.1");
    EXPECT_EQ(paths[0].flags, static_cast<uint32_t>(RTNH_F_ONLINK));
    Route blackhole;
    blackhole.type = RTN_BLACKHOLE;
    EXPECT_TRUE(route_paths(blackhole).empty());
}

// ---------------------------------------------------------------- recorded dumps

// Replies recorded by fuzz/record_seeds.sh from a namespace holding every shape of
// route (its "kinds" namespace), read into 4-byte aligned memory as a recv() buffer is.
DecodedMessages decode_recording(const std::string& name) {
    const auto path = std::filesystem::path(NETLENS_SOURCE_DIR) / "fuzz/corpus/rtnl_decode" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << path;
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<uint32_t> words((bytes.size() + 3) / 4);
    if (!bytes.empty()) std::memcpy(words.data(), bytes.data(), bytes.size());
    return decode_messages({reinterpret_cast<const uint8_t*>(words.data()), bytes.size()});
}

const Route* with_destination(const std::vector<Route>& routes, const std::string& destination) {
    for (const auto& route : routes) {
        if (route.destination == destination) return &route;
    }
    return nullptr;
}

TEST(RecordedRoutes, EveryShapeOfWayOut) {
    const auto v4 = decode_recording("route_kinds_inet");
    EXPECT_EQ(v4.undecodable, 0u);
    const Route* multipath = with_destination(v4.routes, "10.9.0.0");
    ASSERT_NE(multipath, nullptr);
    ASSERT_EQ(multipath->nexthops.size(), 2u);
    EXPECT_EQ(multipath->nexthops[0].weight, 2);
    const Route* group = with_destination(v4.routes, "10.10.0.0");
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->nexthop_id, 10u);
    EXPECT_EQ(group->nexthops.size(), 2u);  // the kernel's compat mode spells the group out
    const Route* via = with_destination(v4.routes, "10.1.0.0");
    ASSERT_NE(via, nullptr);
    EXPECT_EQ(via->via, "fe80::1");
    const Route* metrics = with_destination(v4.routes, "10.12.0.0");
    ASSERT_NE(metrics, nullptr);
    EXPECT_EQ(metrics->metrics.size(), 7u);

    const auto v6 = decode_recording("route_kinds_inet6");
    EXPECT_EQ(v6.undecodable, 0u);
    const Route* v6_multipath = with_destination(v6.routes, "fd09::");
    ASSERT_NE(v6_multipath, nullptr);
    EXPECT_EQ(v6_multipath->nexthops.size(), 2u);
    const Route* expiring = with_destination(v6.routes, "fd10::");
    ASSERT_NE(expiring, nullptr);
    ASSERT_TRUE(expiring->cache_info.has_value());
    EXPECT_NE(expiring->cache_info->expires_s, 0);
    EXPECT_EQ(expiring->preference, ICMPV6_ROUTER_PREF_HIGH);

    const auto objects = decode_recording("nexthop_objects");
    EXPECT_EQ(objects.undecodable, 0u);
    ASSERT_EQ(objects.nexthops.size(), 4u);
    const auto paths = resolve_nexthop(objects.nexthops, 10);
    ASSERT_EQ(paths.size(), 2u);
    EXPECT_EQ(paths[0].gateway, "10.0.0.3");
    EXPECT_EQ(paths[0].weight, 3);
}

// fuzz/record_seeds.sh's third namespace: tos, realms and ip, ip6, seg6 tunnels.
TEST(RecordedRoutes, TosRealmsAndTunnels) {
    const auto v4 = decode_recording("route_encap_inet");
    EXPECT_EQ(v4.undecodable, 0u);
    const Route* realms = with_destination(v4.routes, "10.51.0.0");
    ASSERT_NE(realms, nullptr);
    EXPECT_EQ(realms->tos, 0x28);
    EXPECT_EQ(realms->flow, 3U << 16 | 4U);
    const Route* tunnel = with_destination(v4.routes, "10.52.0.0");
    ASSERT_NE(tunnel, nullptr);
    ASSERT_TRUE(tunnel->encap.has_value());
    EXPECT_TRUE(tunnel->encap->decoded);
    EXPECT_EQ(tunnel->encap->id, 5u);
    EXPECT_EQ(tunnel->encap->destination, "10.0.0.9");
    EXPECT_EQ(tunnel->encap->ttl, 3);
    EXPECT_EQ(tunnel->encap->tos, 4);
    const Route* multipath = with_destination(v4.routes, "10.53.0.0");
    ASSERT_NE(multipath, nullptr);
    ASSERT_EQ(multipath->nexthops.size(), 2u);
    EXPECT_EQ(multipath->nexthops[0].flow, 7u);
    ASSERT_TRUE(multipath->nexthops[1].encap.has_value());
    EXPECT_EQ(multipath->nexthops[1].encap->destination, "10.0.0.8");

    const auto v6 = decode_recording("route_encap_inet6");
    EXPECT_EQ(v6.undecodable, 0u);
    const Route* seg6 = with_destination(v6.routes, "fd15::");
    ASSERT_NE(seg6, nullptr);
    ASSERT_TRUE(seg6->encap.has_value());
    EXPECT_EQ(seg6->encap->segments, (std::vector<std::string>{"fd00::1", "fd00::2"}));
    const Route* ip6 = with_destination(v6.routes, "fd16::");
    ASSERT_NE(ip6, nullptr);
    ASSERT_TRUE(ip6->encap.has_value());
    EXPECT_EQ(ip6->encap->ttl, 3);  // hoplimit
    EXPECT_EQ(ip6->encap->tos, 2);  // tc
}

}  // namespace
}  // namespace netlens::iface
