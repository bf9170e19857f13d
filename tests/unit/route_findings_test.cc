// Layer-3 findings from hand-built snapshots: no default route despite a global
// address, a default gateway whose neighbour entry failed, and many unresolved
// neighbours.
#include <gtest/gtest.h>

#include "findings_test_support.h"
#include "iface_fixtures.h"
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "iface/findings.h"

namespace netlens::iface {
namespace {

using test_support::default_route;
using test_support::host;
using test_support::make_address;
using test_support::neighbour;

Diagnosis run(const Snapshot& snapshot) {
    Diagnosis diagnosis;
    route_findings(snapshot, diagnosis);
    return diagnosis;
}

using netlens::test_support::with_id;

// The value under `key`, or null when the finding has no such evidence.
Json evidence_value(const Finding& finding, const std::string& key) {
    const Evidence* evidence = netlens::test_support::find_evidence(finding, key);
    return evidence != nullptr ? evidence->value : Json(nullptr);
}

TEST(RouteFindings, HealthyHostSaysNothing) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    snapshot.neighbours = {neighbour(AF_INET, "192.0.2.1", NUD_REACHABLE)};
    EXPECT_TRUE(run(snapshot).findings.empty());
}

TEST(RouteFindings, GlobalIpv4WithoutDefault) {
    Snapshot snapshot = host();
    snapshot.netns = "green";
    const auto found = with_id(run(snapshot), "route.no_default");
    // Only IPv4: the IPv6 addresses are link and host scope.
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].layer, Layer::l3);
    EXPECT_NE(found[0].title.find("IPv4"), std::string::npos);
    EXPECT_EQ(evidence_value(found[0], "family"), "inet");
    EXPECT_EQ(evidence_value(found[0], "default_routes"), 0);
    EXPECT_EQ(found[0].next_command, "ip -4 route show table all");
    EXPECT_EQ(found[0].netns, "green");
}

TEST(RouteFindings, GlobalIpv6WithoutDefault) {
    Snapshot snapshot = host();
    snapshot.links[1].addresses.push_back(make_address(AF_INET6, "2001:db8::10"));
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    const auto found = with_id(run(snapshot), "route.no_default");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].title.find("IPv6"), std::string::npos);
    EXPECT_EQ(found[0].next_command, "ip -6 route show table all");
}

TEST(RouteFindings, OnlyHostOrLinkScopeNeedsNoDefault) {
    Snapshot snapshot = host();
    snapshot.links.pop_back();
    EXPECT_TRUE(with_id(run(snapshot), "route.no_default").empty());
}

TEST(RouteFindings, DefaultOutsideMainOrNotUnicastDoesNotCount) {
    Snapshot snapshot = host();
    Route other_table = default_route(AF_INET, "192.0.2.1");
    other_table.table = 100;
    Route unreachable = default_route(AF_INET, "");
    unreachable.type = RTN_UNREACHABLE;
    Route not_default = default_route(AF_INET, "192.0.2.1");
    not_default.destination = "10.0.0.0";
    not_default.destination_length = 8;
    snapshot.routes = {other_table, unreachable, not_default};
    EXPECT_EQ(with_id(run(snapshot), "route.no_default").size(), 1u);
}

TEST(RouteFindings, FailedGatewayNeighbourIsCritical) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    snapshot.neighbours = {neighbour(AF_INET, "192.0.2.1", NUD_FAILED)};
    const auto diagnosis = run(snapshot);
    const auto found = with_id(diagnosis, "neigh.gateway_unresolved");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::critical);
    EXPECT_EQ(found[0].layer, Layer::l3);
    EXPECT_NE(found[0].title.find("192.0.2.1"), std::string::npos);
    EXPECT_NE(found[0].title.find("eth0"), std::string::npos);
    EXPECT_NE(found[0].title.find("ARP"), std::string::npos);
    EXPECT_EQ(evidence_value(found[0], "gateway"), "192.0.2.1");
    EXPECT_EQ(evidence_value(found[0], "dev"), "eth0");
    EXPECT_EQ(evidence_value(found[0], "neighbour_state"), "FAILED");
    EXPECT_TRUE(with_id(diagnosis, "route.no_default").empty());
}

TEST(RouteFindings, IncompleteIpv6GatewaySaysNeighbourDiscovery) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1"), default_route(AF_INET6, "fe80::fe")};
    snapshot.neighbours = {neighbour(AF_INET6, "fe80::fe", NUD_INCOMPLETE)};
    const auto found = with_id(run(snapshot), "neigh.gateway_unresolved");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].title.find("neighbour discovery"), std::string::npos);
    EXPECT_EQ(evidence_value(found[0], "neighbour_state"), "INCOMPLETE");
}

TEST(RouteFindings, GatewayResolvedOrOnAnotherLinkIsFine) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    // The same address failed on another link, and is stale (resolved) on eth0.
    snapshot.neighbours = {neighbour(AF_INET, "192.0.2.1", NUD_FAILED, 7), neighbour(AF_INET, "192.0.2.1", NUD_STALE)};
    EXPECT_TRUE(with_id(run(snapshot), "neigh.gateway_unresolved").empty());
}

TEST(RouteFindings, ManyUnresolvedNeighbours) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    snapshot.neighbours = {
        neighbour(AF_INET, "192.0.2.21", NUD_FAILED), neighbour(AF_INET, "192.0.2.22", NUD_INCOMPLETE),
        neighbour(AF_INET, "192.0.2.23", NUD_FAILED), neighbour(AF_INET, "192.0.2.24", NUD_REACHABLE),
        neighbour(AF_INET, "192.0.2.25", NUD_FAILED), neighbour(AF_INET, "198.51.100.9", NUD_FAILED, 9),
    };
    const auto found = with_id(run(snapshot), "neigh.many_unresolved");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_NE(found[0].title.find("5 "), std::string::npos);
    EXPECT_EQ(evidence_value(found[0], "unresolved"), 5u);
    EXPECT_EQ(evidence_value(found[0], "examples"), "192.0.2.21, 192.0.2.22, 192.0.2.23");
    EXPECT_EQ(evidence_value(found[0], "on_eth0"), 4u);
    EXPECT_EQ(evidence_value(found[0], "on_if9"), 1u);
}

TEST(RouteFindings, FewUnresolvedNeighboursAreQuiet) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    for (size_t i = 0; i + 1 < kUnresolvedNeighbourThreshold; ++i) {
        snapshot.neighbours.push_back(neighbour(AF_INET, "192.0.2." + std::to_string(30 + i), NUD_FAILED));
    }
    EXPECT_TRUE(with_id(run(snapshot), "neigh.many_unresolved").empty());
}

// A multipath default route: each nexthop is judged, one finding per bad one.
Route multipath_default() {
    Route route = default_route(AF_INET, "");
    route.oif = 0;
    route.nexthops = {RouteNexthop{.gateway = "192.0.2.1", .oif = 2, .weight = 2},
                      RouteNexthop{.gateway = "192.0.2.2", .oif = 3, .weight = 1}};
    return route;
}

Snapshot two_link_host() {
    Snapshot snapshot = host();
    Link eth1 = test_support::make_link(3, "eth1", IFF_UP | IFF_LOWER_UP);
    eth1.addresses = {make_address(AF_INET, "192.0.2.11")};
    snapshot.links.push_back(eth1);
    return snapshot;
}

TEST(RouteFindings, EachMultipathNexthopIsJudgedOnItsOwn) {
    Snapshot snapshot = two_link_host();
    snapshot.routes = {multipath_default()};
    snapshot.neighbours = {neighbour(AF_INET, "192.0.2.1", NUD_REACHABLE), neighbour(AF_INET, "192.0.2.2", NUD_FAILED, 3)};
    const auto found = with_id(run(snapshot), "neigh.gateway_unresolved");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].title.find("192.0.2.2 on eth1"), std::string::npos);
    EXPECT_NE(found[0].title.find("nexthop 2 of 2"), std::string::npos);
    EXPECT_EQ(evidence_value(found[0], "nexthop"), 2u);
    EXPECT_EQ(evidence_value(found[0], "nexthops"), 2u);
    EXPECT_EQ(evidence_value(found[0], "weight"), 1);

    snapshot.neighbours.push_back(neighbour(AF_INET, "192.0.2.1", NUD_INCOMPLETE));
    EXPECT_EQ(with_id(run(snapshot), "neigh.gateway_unresolved").size(), 2u);
}

TEST(RouteFindings, ResolvedNexthopObjectGatewaysAreJudged) {
    Snapshot snapshot = two_link_host();
    Route route = default_route(AF_INET, "");
    route.oif = 0;
    route.nexthop_id = 10;
    route.resolved_nexthops = {RouteNexthop{.gateway = "192.0.2.2", .oif = 3, .nexthop_id = 2}};
    snapshot.routes = {route};
    snapshot.neighbours = {neighbour(AF_INET, "192.0.2.2", NUD_FAILED, 3)};
    const auto found = with_id(run(snapshot), "neigh.gateway_unresolved");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(evidence_value(found[0], "nhid"), 2u);
}

TEST(RouteFindings, NexthopThroughALinkWithoutCarrier) {
    Snapshot snapshot = two_link_host();
    snapshot.links[2].flags = IFF_UP;  // eth1: no carrier
    snapshot.routes = {multipath_default()};
    auto found = with_id(run(snapshot), "route.nexthop_link_down");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(evidence_value(found[0], "dev"), "eth1");
    EXPECT_EQ(evidence_value(found[0], "link_state"), "no carrier");
    EXPECT_EQ(evidence_value(found[0], "nexthop"), 2u);

    snapshot.routes[0].nexthops[0].flags = RTNH_F_LINKDOWN;  // the kernel's own mark on the other one
    found = with_id(run(snapshot), "route.nexthop_link_down");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].severity, Severity::critical);  // no way out left
    EXPECT_EQ(evidence_value(found[0], "link_state"), "linkdown");
}

TEST(RouteFindings, Ipv6LinkLocalAndUniqueLocalNeedNoDefault) {
    Snapshot snapshot = host();
    snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
    snapshot.links[1].addresses.push_back(make_address(AF_INET6, "fd00:1::10"));
    snapshot.links[1].addresses.push_back(make_address(AF_INET6, "fc00::10"));
    snapshot.links[1].addresses.push_back(make_address(AF_INET6, "fe80::99"));  // link-local with scope global
    EXPECT_TRUE(with_id(run(snapshot), "route.no_default").empty());
    snapshot.links[1].addresses.push_back(make_address(AF_INET6, "2a00:1::10"));
    EXPECT_EQ(with_id(run(snapshot), "route.no_default").size(), 1u);
}

}  // namespace
}  // namespace netlens::iface
