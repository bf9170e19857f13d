// Link-layer findings. A link an operator switched off is information; a link that is
// switched on but has no carrier is a fault; counters that merely are non-zero say
// little (they count since boot), so "rising" needs two samples.
#include <linux/if.h>
#include <linux/rtnetlink.h>

#include <fmt/format.h>

#include <string>

#include "iface/findings.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

constexpr const char* kSource = "rtnetlink";

// "+12 in 2.0 s"
std::string growth_text(uint64_t grew, double interval_s) { return fmt::format("+{} in {:.1f} s", grew, interval_s); }

bool carries_default_route(const Snapshot& snapshot, int ifindex) {
    for (const auto& route : snapshot.routes) {
        if (route.destination.empty() && route.oif == ifindex && route.table == RT_TABLE_MAIN) return true;
    }
    return false;
}

void check_link_state(const Snapshot& snapshot, const Link& link, Diagnosis& diagnosis) {
    const bool admin_up = (link.flags & IFF_UP) != 0;
    if (!admin_up) {
        const bool loopback = (link.flags & IFF_LOOPBACK) != 0;
        diagnosis.add({
            .id = "link.admin_down",
            .layer = Layer::l1_2,
            .severity = loopback ? Severity::warning : Severity::info,
            .title = link.name + " is administratively down",
            .evidence = {{"flags", std::to_string(link.flags), kSource},
                         {"state", operstate_name(link.operstate), kSource}},
            .advice = loopback ? "Loopback down breaks every local connection (127.0.0.1, ::1)."
                               : "Nothing is sent or received on it until it is brought up.",
            .next_command = "ip link set " + link.name + " up",
            .netns = snapshot.netns,
        });
        return;
    }
    const bool lower_up = (link.flags & IFF_LOWER_UP) != 0;
    const bool no_carrier = (link.carrier && !*link.carrier) || !lower_up;
    if (!no_carrier) return;
    const bool default_link = carries_default_route(snapshot, link.ifindex);
    diagnosis.add({
        .id = "link.no_carrier",
        .layer = Layer::l1_2,
        .severity = default_link ? Severity::critical : Severity::warning,
        .title = link.name + " is up but has no carrier" + (default_link ? " (it carries the default route)" : ""),
        .evidence = {{"state", operstate_name(link.operstate), kSource},
                     {"carrier", link.carrier ? (*link.carrier ? "1" : "0") : "unknown", kSource},
                     {"lower_up", lower_up ? "yes" : "no", kSource}},
        .advice = link.kind == "veth" ? "The other end of this veth pair is down or was deleted."
                                      : "Check the cable, the switch port or the peer device.",
        .next_command = link.kind == "veth" ? "ip -d link show " + link.name : "ethtool " + link.name,
        .netns = snapshot.netns,
    });
}

void check_rising_counters(const Snapshot& snapshot, const LinkDelta& delta, Diagnosis& diagnosis) {
    Finding finding{
        .id = "link.errors_rising",
        .layer = Layer::l1_2,
        .severity = Severity::warning,
        .title = delta.name + ": error or drop counters rose during the interval",
        .advice = "Drops on receive point at a full ring or backlog (rx_missed, over) or at traffic nobody "
                  "wants (rx_dropped); errors point at the link or the driver.",
        .next_command = "ethtool -S " + delta.name + " | grep -Ei 'drop|err|miss|over'",
        .netns = snapshot.netns,
    };
    for (const auto& field : stats_fields()) {
        const uint64_t grew = delta.stats.*field.member;
        if (!field.trouble || grew == 0) continue;
        finding.evidence.push_back({std::string(field.direction) + "_" + field.name,
                                    growth_text(grew, delta.interval_s),
                                    kSource});
    }
    for (const auto& counter : delta.nic) {
        finding.evidence.push_back({counter.name,
                                    growth_text(counter.value, delta.interval_s),
                                    "ethtool"});
    }
    if (!finding.evidence.empty()) diagnosis.add(std::move(finding));
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
