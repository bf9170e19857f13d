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

namespace netlens::route {
namespace {

using iface::RouteNexthop;
using iface::test_support::make_link;

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
    EXPECT_EQ(route_line(route, links(), {.one_table = true}),
              "10.9.0.0/16 proto static metric 5\n"
              "\tnexthop via 10.0.0.2 dev a0 weight 2\n"
              "\tnexthop via 10.0.1.2 dev a1 weight 1");
    const Json record = Json::parse(route_json(route, links(), "").closed());
    ASSERT_EQ(record["nexthops"].size(), 2u);
    EXPECT_EQ(record["nexthops"][0], Json::parse(R"({"gateway":"10.0.0.2","dev":"a0","weight":2,"flags":[]})"));
    EXPECT_EQ(record["flags"], Json::array());
}

TEST(RouteLine, NexthopIdViaAndMetrics) {
    Route nhid = route_to(AF_INET, "10.11.0.0", 16);
    nhid.nexthop_id = 1;
    nhid.gateway = "10.0.0.3";
    nhid.oif = 2;
    EXPECT_EQ(route_line(nhid, links()), "10.11.0.0/16 nhid 1 via 10.0.0.3 dev a0");

    Route via = route_to(AF_INET, "10.1.0.0", 16);
    via.via_family = AF_INET6;
    via.via = "fe80::1";
    via.oif = 2;
    EXPECT_EQ(route_line(via, links()), "10.1.0.0/16 via inet6 fe80::1 dev a0");
    EXPECT_EQ(Json::parse(route_json(via, links(), "").closed())["via"],
              Json::parse(R"({"family":"inet6","host":"fe80::1"})"));

    Route metrics = route_to(AF_INET, "10.12.0.0", 16);
    metrics.gateway = "10.0.0.9";
    metrics.oif = 2;
    metrics.flags = RTNH_F_ONLINK;
    metrics.metrics = {{.type = RTAX_MTU, .value = 1400, .locked = true}, {.type = RTAX_RTT, .value = 160},
                       {.type = RTAX_ADVMSS, .value = 1300}, {.type = RTAX_INITCWND, .value = 10},
                       {.type = RTAX_FEATURES, .value = RTAX_FEATURE_ECN}, {.type = RTAX_QUICKACK, .value = 1},
                       {.type = RTAX_CC_ALGO, .congestion = "cubic"}};
    EXPECT_EQ(route_line(metrics, links()),
              "10.12.0.0/16 via 10.0.0.9 dev a0 onlink mtu lock 1400 rtt 20ms advmss 1300 initcwnd 10 features ecn "
              "quickack 1 congctl cubic");
    EXPECT_EQ(Json::parse(route_json(metrics, links(), "").closed())["metrics"],
              Json::parse(R"([{"mtu":1400,"rtt":20,"advmss":1300,"initcwnd":10,"ecn":null,"quickack":1,"congestion":"cubic"}])"));
}

TEST(RouteLine, Ipv6PreferenceExpiryAndTypes) {
    Route route = route_to(AF_INET6, "fd10::", 64);
    route.gateway = "fd00::5";
    route.oif = 2;
    route.metric = 1024;
    route.expires_s = 299;
    route.preference = ICMPV6_ROUTER_PREF_HIGH;
    EXPECT_EQ(route_line(route, links()), "fd10::/64 via fd00::5 dev a0 metric 1024 expires 299sec pref high");

    Route unreachable = route_to(AF_INET, "10.16.0.0", 16);
    unreachable.type = RTN_UNREACHABLE;
    unreachable.protocol = RTPROT_OPENR;
    unreachable.table = 100;
    EXPECT_EQ(route_line(unreachable, links()), "unreachable 10.16.0.0/16 table 100 proto openr");
    EXPECT_EQ(route_line(unreachable, links(), {.one_table = true}), "unreachable 10.16.0.0/16 proto openr");
}

TEST(RouteLine, RouteGetAnswerHasACacheLine) {
    Route answer = route_to(AF_INET, "10.9.1.1", 32);
    answer.gateway = "10.0.1.2";
    answer.oif = 3;
    answer.preferred_source = "10.0.1.1";
    answer.uid = 0;
    answer.flags = RTM_F_CLONED;
    EXPECT_EQ(route_line(answer, links()), "10.9.1.1 via 10.0.1.2 dev a1 src 10.0.1.1 uid 0\n    cache");
    const Json record = Json::parse(route_json(answer, links(), "").closed());
    EXPECT_EQ(record["cache"], Json::array());
    EXPECT_EQ(record["uid"], 0);
}

}  // namespace
}  // namespace netlens::route
