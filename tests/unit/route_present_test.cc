// Route lines and records against what ip route / ip -j route printed for the same
// routes (iproute2 6.1, trailing spaces dropped): multipath, nexthop ids, RTA_VIA,
// metrics, IPv6 preference and expiry, route get's cache line.
#include "route/route_present.h"

#include <gtest/gtest.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "core/json.h"
#include "iface_fixtures.h"
#include "ip_names_fixture.h"

namespace netlens::route {
namespace {

using iface::RouteNexthop;
using iface::test_support::make_link;

// ip's built-in names and Debian's rt_protos entry for openr.
const iface::IpNames& names_with_openr() {
    static const iface::IpNames names = iface::test_support::names_from({{"/etc/iproute2/rt_protos", "99 openr\n"}});
    return names;
}
const iface::IpNames& kNames = names_with_openr();

std::vector<iface::Link> links() { return {make_link(1, "lo", 0), make_link(2, "a0", 0), make_link(3, "a1", 0)}; }

Route route_to(int family, const std::string& destination, uint8_t length) {
    Route route;
    route.family = family;
    route.type = RTN_UNICAST;
    route.table = RT_TABLE_MAIN;
    route.protocol = RTPROT_BOOT;
    route.destination = destination;
    route.destination_length = length;
    return route;
}

TEST(RouteLine, MultipathWithWeights) {
    Route route = route_to(AF_INET, "10.9.0.0", 16);
    route.protocol = RTPROT_STATIC;
    route.metric = 5;
    route.nexthops = {RouteNexthop{.gateway = "10.0.0.2", .oif = 2, .weight = 2},
                      RouteNexthop{.gateway = "10.0.1.2", .oif = 3, .weight = 1}};
    EXPECT_EQ(route_line(route, links(), kNames, {.one_table = true}),
              "10.9.0.0/16 proto static metric 5\n"
              "\tnexthop via 10.0.0.2 dev a0 weight 2\n"
              "\tnexthop via 10.0.1.2 dev a1 weight 1");
    const Json record = Json::parse(route_json(route, links(), kNames, "").closed());
    ASSERT_EQ(record["nexthops"].size(), 2u);
    EXPECT_EQ(record["nexthops"][0], Json::parse(R"({"gateway":"10.0.0.2","dev":"a0","weight":2,"flags":[]})"));
    EXPECT_EQ(record["flags"], Json::array());
}

TEST(RouteLine, NexthopIdViaAndMetrics) {
    Route nhid = route_to(AF_INET, "10.11.0.0", 16);
    nhid.nexthop_id = 1;
    nhid.gateway = "10.0.0.3";
    nhid.oif = 2;
    EXPECT_EQ(route_line(nhid, links(), kNames), "10.11.0.0/16 nhid 1 via 10.0.0.3 dev a0");

    Route via = route_to(AF_INET, "10.1.0.0", 16);
    via.via_family = AF_INET6;
    via.via = "fe80::1";
    via.oif = 2;
    EXPECT_EQ(route_line(via, links(), kNames), "10.1.0.0/16 via inet6 fe80::1 dev a0");
    EXPECT_EQ(Json::parse(route_json(via, links(), kNames, "").closed())["via"],
              Json::parse(R"({"family":"inet6","host":"fe80::1"})"));

    Route metrics = route_to(AF_INET, "10.12.0.0", 16);
    metrics.gateway = "10.0.0.9";
    metrics.oif = 2;
    metrics.flags = RTNH_F_ONLINK;
    metrics.metrics = {{.type = RTAX_MTU, .value = 1400, .locked = true}, {.type = RTAX_RTT, .value = 160},
                       {.type = RTAX_ADVMSS, .value = 1300}, {.type = RTAX_INITCWND, .value = 10},
                       {.type = RTAX_FEATURES, .value = RTAX_FEATURE_ECN}, {.type = RTAX_QUICKACK, .value = 1},
                       {.type = RTAX_CC_ALGO, .congestion = "cubic"}};
    EXPECT_EQ(route_line(metrics, links(), kNames),
              "10.12.0.0/16 via 10.0.0.9 dev a0 onlink mtu lock 1400 rtt 20ms advmss 1300 initcwnd 10 features ecn "
              "quickack 1 congctl cubic");
    EXPECT_EQ(Json::parse(route_json(metrics, links(), kNames, "").closed())["metrics"],
              Json::parse(R"([{"mtu":1400,"rtt":20,"advmss":1300,"initcwnd":10,"ecn":null,"quickack":1,"congestion":"cubic"}])"));
}

TEST(RouteLine, Ipv6PreferenceExpiryAndTypes) {
    Route route = route_to(AF_INET6, "fd10::", 64);
    route.gateway = "fd00::5";
    route.oif = 2;
    route.metric = 1024;
    route.cache_info = iface::RouteCacheInfo{.expires_s = 299};
    route.preference = ICMPV6_ROUTER_PREF_HIGH;
    EXPECT_EQ(route_line(route, links(), kNames), "fd10::/64 via fd00::5 dev a0 metric 1024 expires 299sec pref high");

    Route unreachable = route_to(AF_INET, "10.16.0.0", 16);
    unreachable.type = RTN_UNREACHABLE;
    unreachable.protocol = RTPROT_OPENR;
    unreachable.table = 100;
    EXPECT_EQ(route_line(unreachable, links(), kNames), "unreachable 10.16.0.0/16 table 100 proto openr");
    EXPECT_EQ(route_line(unreachable, links(), kNames, {.one_table = true}), "unreachable 10.16.0.0/16 proto openr");
}

TEST(RouteLine, RouteGetAnswerHasACacheLine) {
    Route answer = route_to(AF_INET, "10.9.1.1", 32);
    answer.gateway = "10.0.1.2";
    answer.oif = 3;
    answer.preferred_source = "10.0.1.1";
    answer.uid = 0;
    answer.flags = RTM_F_CLONED;
    EXPECT_EQ(route_line(answer, links(), kNames), "10.9.1.1 via 10.0.1.2 dev a1 src 10.0.1.1 uid 0\n    cache");
    const Json record = Json::parse(route_json(answer, links(), kNames, "").closed());
    EXPECT_EQ(record["cache"], Json::array());
    EXPECT_EQ(record["uid"], 0);
}

}  // namespace
}  // namespace netlens::route

namespace netlens::route {
namespace {

// As ip printed them for `ip route add 10.8.0.0/16 encap ip id 5 dst 10.5.0.9 dev a0`
// and `ip route add 10.7.0.0/16 dev a0 realms 3/4 tos 0x28` (Debian's rt_dsfield).
TEST(RouteLine, EncapRealmsAndTosAsIpPrintsThem) {
    const auto names = iface::test_support::names_from({{"/etc/iproute2/rt_dsfield", "0x28 AF11\n"}});
    Route encap = route_to(AF_INET, "10.8.0.0", 16);
    encap.oif = 2;
    encap.scope = RT_SCOPE_LINK;
    encap.encap = iface::RouteEncap{.type = 2 /* LWTUNNEL_ENCAP_IP */, .decoded = true, .id = 5,
                                    .source = "0.0.0.0", .destination = "10.5.0.9", .ttl = 0, .tos = 0};
    EXPECT_EQ(route_line(encap, links(), names),
              "10.8.0.0/16  encap ip id 5 src 0.0.0.0 dst 10.5.0.9 ttl 0 tos 0 dev a0 scope link");
    const Json record = Json::parse(route_json(encap, links(), names, "").closed());
    EXPECT_EQ(record["encap"], "ip");
    EXPECT_EQ(record["encap_info"], Json::parse(R"({"id":5,"src":"0.0.0.0","dst":"10.5.0.9","ttl":0,"tos":0})"));

    Route realms = route_to(AF_INET, "10.7.0.0", 16);
    realms.oif = 2;
    realms.scope = RT_SCOPE_LINK;
    realms.tos = 0x28;
    realms.flow = 3U << 16 | 4U;
    EXPECT_EQ(route_line(realms, links(), names), "10.7.0.0/16 tos AF11 dev a0 scope link realms 3/4");
    const Json flow = Json::parse(route_json(realms, links(), names, "").closed());
    EXPECT_EQ(flow["flow"], Json::parse(R"({"from":"3","to":"4"})"));
    EXPECT_EQ(flow["tos"], "AF11");
}

TEST(RouteLine, CacheInfoWordsRunTogetherWhereIpsDo) {
    Route cached = route_to(AF_INET6, "fd10::", 64);
    cached.oif = 2;
    cached.cache_info = iface::RouteCacheInfo{.expires_s = 10, .users = 1, .age_s = 3, .ipid = 0x12, .ts = 5, .tsage_s = 2};
    EXPECT_EQ(route_line(cached, links(), kNames), "fd10::/64 dev a0 expires 10sec ipid 0x0012 ts 0x5tsage 2sec");
    EXPECT_EQ(route_line(cached, links(), kNames, {.stats = true}),
              "fd10::/64 dev a0 expires 10sec users 1 age 3sec ipid 0x0012 ts 0x5tsage 2sec");
}

}  // namespace
}  // namespace netlens::route
