// Link-layer findings. A link an operator switched off is information; a link that is
// switched on but has no carrier is a fault; counters that merely are non-zero say
// little (they count since boot), so "rising" needs two samples.
#include <linux/if.h>
#include <linux/rtnetlink.h>

#include <string>

#include "core/finding_catalogue.h"
#include "iface/findings.h"
#include "iface/rtnl_names.h"
#include "route/route_paths.h"

namespace netlens::iface {

namespace {

constexpr const char* kSource = "rtnetlink";

bool carries_default_route(const Snapshot& snapshot, int ifindex) {
    // Every way out counts: a multipath default route carries traffic on each of its links.
    for (const auto& route : snapshot.routes) {
        if (!route.destination.empty() || route.table != RT_TABLE_MAIN) continue;
        for (const auto& path : route_paths(route)) {
            if (path.oif == ifindex) return true;
        }
    }
    return false;
}

void check_link_state(const Snapshot& snapshot, const Link& link, Diagnosis& diagnosis) {
    const bool admin_up = (link.flags & IFF_UP) != 0;
    if (!admin_up) {
        const bool loopback = (link.flags & IFF_LOOPBACK) != 0;
        diagnosis.add(make_finding("link.admin_down", {
            .title = link.name + " is administratively down",
            .evidence = {{"flags", link.flags, kSource}, {"state", operstate_name(link.operstate), kSource}},
            .escalated = loopback,
            .special = loopback,
            .fill = {{"dev", link.name}},
            .netns = snapshot.netns,
        }));
        return;
    }
    const bool lower_up = (link.flags & IFF_LOWER_UP) != 0;
    const bool no_carrier = (link.carrier && !*link.carrier) || !lower_up;
    if (!no_carrier) return;
    const bool default_link = carries_default_route(snapshot, link.ifindex);
    FindingFacts facts{
        .title = link.name + " is up but has no carrier" + (default_link ? " (it carries the default route)" : ""),
        .evidence = {{"state", operstate_name(link.operstate), kSource}},
        .escalated = default_link,
        .special = link.kind == "veth",
        .fill = {{"dev", link.name}},
        .netns = snapshot.netns,
    };
    // Older kernels and some drivers send no IFLA_CARRIER: an unknown fact is left out
    // rather than given a second type.
    if (link.carrier) facts.evidence.push_back({"carrier", *link.carrier, kSource});
    facts.evidence.push_back({"lower_up", lower_up, kSource});
    diagnosis.add(make_finding("link.no_carrier", std::move(facts)));
}

void check_rising_counters(const Snapshot& snapshot, const LinkDelta& delta, Diagnosis& diagnosis) {
    std::vector<Evidence> evidence;
    for (const auto& field : stats_fields()) {
        const uint64_t grew = delta.stats.*field.member;
        if (!field.trouble || grew == 0) continue;
        evidence.push_back({std::string(field.direction) + "_" + field.name, grew, kSource});
    }
    for (const auto& counter : delta.nic) evidence.push_back({evidence_key(counter.name), counter.value, "ethtool"});
    if (evidence.empty()) return;
    // Each counter's value is its growth over this interval (measured, so not a round 2.0).
    evidence.push_back({"interval_s", delta.interval_s, "clock"});
    diagnosis.add(make_finding("link.errors_rising", {
        .title = delta.name + ": error or drop counters rose during the interval",
        .evidence = std::move(evidence),
        .fill = {{"dev", delta.name}},
        .netns = snapshot.netns,
    }));
}

}  // namespace

void link_findings(const Snapshot& snapshot, const std::vector<LinkDelta>& deltas, bool have_interval,
                   Diagnosis& diagnosis) {
    for (const auto& link : snapshot.links) check_link_state(snapshot, link, diagnosis);
    if (!have_interval) {
        diagnosis.skip("link.errors_rising", "needs two samples: run with --interval SECONDS");
        return;
    }
    for (const auto& delta : deltas) check_rising_counters(snapshot, delta, diagnosis);
}

}  // namespace netlens::iface
