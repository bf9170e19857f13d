// For every row of the finding catalogue, one real finding raised through the code that
// raises it (from the fixtures of the iface and sockets tests), checked against the
// schema: id, layer, severity and advice from the row, every placeholder filled, evidence
// keys snake_case with a source, and each value of the expected type — counts and sizes
// numbers, flags booleans, names strings. A new row fails here until it has a scenario.
#include <gtest/gtest.h>
#include <linux/ethtool.h>

#include <functional>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "core/finding_catalogue.h"
#include "core/finding_json.h"
#include "findings_test_support.h"
#include "iface/findings.h"
#include "iface_fixtures.h"
#include "sockets/analysis/state_advice.h"
#include "sockets_test_support.h"

namespace netlens {
namespace {

enum class Kind { number, string, boolean };

struct Scenario {
    std::function<Diagnosis()> run;
    std::map<std::string, Kind> evidence;  // every key the finding carries, and its type
};

Diagnosis iface_findings(const iface::Snapshot& snapshot, const std::vector<iface::LinkDelta>& deltas = {}) {
    Diagnosis diagnosis;
    iface::link_findings(snapshot, deltas, true, diagnosis);
    iface::route_findings(snapshot, diagnosis);
    iface::speed_findings(snapshot, "", diagnosis);
    return diagnosis;
}

// host() with eth0 and an eth1 of the same driver, up, as ethtool describes them.
iface::Snapshot host_with_nics(uint32_t eth1_speed, uint8_t eth1_duplex) {
    iface::Snapshot snapshot = iface::test_support::host();
    snapshot.routes = {iface::test_support::default_route(AF_INET, "192.0.2.1")};
    snapshot.links.push_back(iface::test_support::make_link(3, "eth1", IFF_UP | IFF_LOWER_UP));
    for (size_t i = 1; i < snapshot.links.size(); ++i) {
        auto& ethtool = snapshot.links[i].ethtool.emplace();
        ethtool.driver = "ixgbe";
        ethtool.speed_mbps = 10000;
        ethtool.duplex = DUPLEX_FULL;
        ethtool.autoneg = AUTONEG_ENABLE;
    }
    snapshot.links[2].ethtool->speed_mbps = eth1_speed;
    snapshot.links[2].ethtool->duplex = eth1_duplex;
    return snapshot;
}

Diagnosis socket_findings(const std::vector<sockets::Socket>& sockets, sockets::KernelLimits limits = {}) {
    Diagnosis diagnosis;
    sockets::advise_on_states(sockets, limits, sockets::AdviceThresholds{}, "blue", diagnosis);
    return diagnosis;
}

// `count` sockets in `state` from 10.0.0.5, local ports from 50000, to the peer, held by nginx.
std::vector<sockets::Socket> pile(sockets::TcpState state, size_t count, const std::string& peer = "10.0.0.9",
                                  uint16_t peer_port = 443) {
    std::vector<sockets::Socket> result;
    for (size_t i = 0; i < count; ++i) {
        auto socket = sockets::test_support::tcp("10.0.0.5", static_cast<uint16_t>(50000 + i), peer, peer_port, state);
        socket.processes = {{.pid = 412, .fd = static_cast<int>(10 + i), .command = "nginx"}};
        result.push_back(std::move(socket));
    }
    return result;
}

std::map<std::string, Scenario> scenarios() {
    using iface::test_support::default_route;
    using iface::test_support::delta_for;
    using iface::test_support::host;
    using iface::test_support::make_link;
    using iface::test_support::neighbour;
    using sockets::TcpState;
    constexpr Kind number = Kind::number, string = Kind::string, boolean = Kind::boolean;
    std::map<std::string, Scenario> all;

    all["link.admin_down"] = {[] {
                                  iface::Snapshot snapshot = host();
                                  snapshot.links.push_back(make_link(3, "eth1", IFF_BROADCAST));
                                  snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
                                  return iface_findings(snapshot);
                              },
                              {{"flags", number}, {"state", string}}};
    all["link.no_carrier"] = {[] {
                                  iface::Snapshot snapshot = host();
                                  snapshot.links[1].carrier = false;
                                  snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
                                  return iface_findings(snapshot);
                              },
                              {{"state", string}, {"carrier", boolean}, {"lower_up", boolean}}};
    all["link.errors_rising"] = {[] {
                                     iface::Snapshot snapshot = host();
                                     snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
                                     auto delta = delta_for(2, "eth0");
                                     delta.stats.rx_errors = 3;
                                     delta.nic = {{"rx_queue_0_drops", 7}};
                                     return iface_findings(snapshot, {delta});
                                 },
                                 {{"rx_errors", number}, {"rx_queue_0_drops", number}, {"interval_s", number}}};
    all["link.half_duplex"] = {[] { return iface_findings(host_with_nics(10000, DUPLEX_HALF)); },
                               {{"duplex", string}, {"speed_mbps", number}, {"autoneg", boolean}}};
    all["link.slower_than_peers"] = {
        [] { return iface_findings(host_with_nics(1000, DUPLEX_FULL)); },
        {{"speed_mbps", number}, {"peer_speed_mbps", number}, {"driver", string}, {"peers", string}}};
    all["route.no_default"] = {[] { return iface_findings(host()); },
                               {{"family", string}, {"default_routes", number}}};
    all["neigh.gateway_unresolved"] = {[] {
                                           iface::Snapshot snapshot = host();
                                           snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
                                           snapshot.neighbours = {neighbour(AF_INET, "192.0.2.1", NUD_FAILED)};
                                           return iface_findings(snapshot);
                                       },
                                       {{"gateway", string}, {"dev", string}, {"neighbour_state", string}}};
    all["route.nexthop_link_down"] = {[] {
                                          iface::Snapshot snapshot = host();
                                          snapshot.links.push_back(make_link(3, "eth1", IFF_UP));  // no carrier
                                          auto route = default_route(AF_INET, "");
                                          route.oif = 0;
                                          route.nexthops = {{.gateway = "192.0.2.1", .oif = 2},
                                                            {.gateway = "192.0.2.2", .oif = 3}};
                                          snapshot.routes = {route};
                                          return iface_findings(snapshot);
                                      },
                                      {{"gateway", string}, {"dev", string}, {"nexthop", number},
                                       {"nexthops", number}, {"weight", number}, {"link_state", string},
                                       {"nexthops_down", number}}};
    all["neigh.many_unresolved"] = {[] {
                                        iface::Snapshot snapshot = host();
                                        snapshot.routes = {default_route(AF_INET, "192.0.2.1")};
                                        for (int i = 0; i < 5; ++i) {
                                            snapshot.neighbours.push_back(
                                                neighbour(AF_INET, "192.0.2." + std::to_string(20 + i), NUD_FAILED));
                                        }
                                        return iface_findings(snapshot);
                                    },
                                    {{"unresolved", number}, {"examples", string}, {"on_eth0", number}}};
    all["tcp.close_wait_pile"] = {[] { return socket_findings(pile(TcpState::close_wait, 10)); },
                                  {{"close_wait", number}, {"holders", string}, {"peers", string}}};
    all["tcp.syn_sent_pile"] = {[] { return socket_findings(pile(TcpState::syn_sent, 5)); },
                                {{"syn_sent", number}, {"peer", string}, {"holders", string}}};
    all["tcp.syn_recv_pile"] = {[] {
                                    std::vector<sockets::Socket> half_open;
                                    for (uint16_t i = 0; i < 32; ++i) {
                                        half_open.push_back(sockets::test_support::tcp(
                                            "10.0.0.5", 80, "198.51.100.7", 40000 + i, TcpState::syn_recv));
                                    }
                                    return socket_findings(half_open);
                                },
                                {{"syn_recv", number}, {"local_port", number}, {"peers", string}}};
    all["tcp.fin_wait2_pile"] = {[] { return socket_findings(pile(TcpState::fin_wait2, 100)); },
                                 {{"count", number}, {"peers", string}}};
    all["tcp.last_ack_pile"] = {[] { return socket_findings(pile(TcpState::last_ack, 100)); },
                                {{"count", number}, {"peers", string}}};
    all["tcp.listen_queue_full"] = {[] {
                                        auto listener = pile(TcpState::listen, 1, "0.0.0.0", 0);
                                        listener[0].recv_q = 128;
                                        listener[0].send_q = 128;
                                        return socket_findings(listener);
                                    },
                                    {{"recv_q", number}, {"backlog", number}, {"holders", string}}};
    all["tcp.orphans_near_limit"] = {[] {
                                         sockets::KernelLimits limits;
                                         limits.max_orphans = 1000;
                                         limits.sockstat["TCP"]["orphan"] = 600;
                                         return socket_findings({}, limits);
                                     },
                                     {{"orphan", number}, {"tcp_max_orphans", number}}};
    all["tcp.local_port_exhaustion"] = {[] {
                                            sockets::KernelLimits limits;
                                            limits.port_range = proc::PortRange{50000, 50099};
                                            limits.tw_reuse = 2;
                                            return socket_findings(pile(TcpState::time_wait, 95), limits);
                                        },
                                        {{"sockets", number},
                                         {"time_wait", number},
                                         {"source", string},
                                         {"usable_ports", number},
                                         {"ip_local_port_range", string},
                                         {"reserved_in_range", number},
                                         {"tcp_tw_reuse", number}}};
    all["tcp.port_range_parity"] = {[] {
                                        sockets::KernelLimits limits;
                                        limits.port_range = proc::PortRange{32768, 60998};
                                        return socket_findings({}, limits);
                                    },
                                    {{"ip_local_port_range", string}}};
    return all;
}

bool has_kind(const Json& value, Kind kind) {
    switch (kind) {
        case Kind::number: return value.is_number();
        case Kind::string: return value.is_string();
        case Kind::boolean: return value.is_boolean();
    }
    return false;
}

void check_against_row(const Finding& finding, const CatalogueEntry& entry, const Scenario& scenario) {
    EXPECT_EQ(finding.layer, entry.layer);
    const bool usual = finding.severity == entry.severity.severity;
    EXPECT_TRUE(usual || (entry.escalated && finding.severity == entry.escalated->severity))
        << to_string(finding.severity);
    EXPECT_TRUE(finding.advice == entry.advice || (entry.special && finding.advice == entry.special->advice))
        << finding.advice;
    EXPECT_FALSE(finding.title.empty());
    EXPECT_FALSE(finding.next_command.empty());
    EXPECT_EQ(finding.next_command.find('{'), std::string::npos) << "unfilled: " << finding.next_command;

    const std::regex snake_case("[a-z][a-z0-9_]*");
    std::map<std::string, Kind> seen;
    for (const auto& e : finding.evidence) {
        EXPECT_TRUE(std::regex_match(e.key, snake_case)) << e.key;
        EXPECT_FALSE(e.source.empty()) << e.key;
        EXPECT_TRUE(e.value.is_number() || e.value.is_string() || e.value.is_boolean()) << e.key << " = " << e.value;
        const auto expected = scenario.evidence.find(e.key);
        if (expected == scenario.evidence.end()) {
            ADD_FAILURE() << "evidence " << e.key << " is not in the expected schema";
            continue;
        }
        EXPECT_TRUE(has_kind(e.value, expected->second)) << e.key << " = " << e.value;
        seen[e.key] = expected->second;
    }
    EXPECT_EQ(seen, scenario.evidence) << "evidence keys differ from the expected schema";

    // JSON keeps the same types.
    const Json json = to_json(finding);
    ASSERT_EQ(json.at("evidence").size(), finding.evidence.size());
    for (size_t i = 0; i < finding.evidence.size(); ++i) {
        EXPECT_EQ(json.at("evidence")[i].at("value").type(), finding.evidence[i].value.type());
    }
}

TEST(FindingSchema, EveryCatalogueRowIsRaisedWithTypedEvidence) {
    const auto all = scenarios();
    for (const auto& entry : kFindingCatalogue) {
        const std::string id(entry.id);
        SCOPED_TRACE(id);
        const auto scenario = all.find(id);
        ASSERT_NE(scenario, all.end()) << "no scenario raises " << id << ": add one here";
        const auto found = test_support::with_id(scenario->second.run(), id);
        ASSERT_FALSE(found.empty()) << "the scenario did not raise " << id;
        for (const auto& finding : found) check_against_row(finding, entry, scenario->second);
    }
    EXPECT_EQ(all.size(), std::size(kFindingCatalogue)) << "a scenario for an id the catalogue does not have";
}

}  // namespace
}  // namespace netlens
