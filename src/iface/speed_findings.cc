// Findings from ethtool's link settings: a link at half duplex, and a link that
// negotiated less than the others of its driver. Only links with carrier are judged:
// the speed of a link without one means nothing (veth reports 10000 even then).
#include <linux/ethtool.h>
#include <linux/if.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding_catalogue.h"
#include "iface/ethtool_names.h"
#include "iface/findings.h"

namespace netlens::iface {

namespace {

constexpr const char* kSource = "ethtool";

bool has_carrier(const Link& link) { return (link.flags & IFF_UP) != 0 && (link.flags & IFF_LOWER_UP) != 0; }

std::optional<uint32_t> known_speed(const EthtoolLink& ethtool) {
    if (!ethtool.speed_mbps || is_unknown_speed(*ethtool.speed_mbps)) return std::nullopt;
    return ethtool.speed_mbps;
}

void check_duplex(const Snapshot& snapshot, const Link& link, Diagnosis& diagnosis) {
    if (!link.ethtool || link.ethtool->duplex != DUPLEX_HALF) return;
    std::vector<Evidence> evidence = {{"duplex", duplex_name(DUPLEX_HALF), kSource}};
    if (auto speed = known_speed(*link.ethtool)) evidence.push_back({"speed_mbps", *speed, kSource});
    if (link.ethtool->autoneg) evidence.push_back({"autoneg", *link.ethtool->autoneg != 0, kSource});
    diagnosis.add(make_finding("link.half_duplex", {
        .title = link.name + " runs at half duplex",
        .evidence = std::move(evidence),
        .fill = {{"dev", link.name}},
        .netns = snapshot.netns,
    }));
}

struct Rated {
    const Link* link;
    uint32_t speed_mbps;
};

// Within one driver's links, each slower than the fastest is reported, naming the
// links that run at the fastest speed.
void check_driver_group(const Snapshot& snapshot, const std::string& driver, const std::vector<Rated>& group,
                        const std::string& device, Diagnosis& diagnosis) {
    uint32_t fastest = 0;
    for (const auto& rated : group) fastest = std::max(fastest, rated.speed_mbps);
    std::string fast_links;
    for (const auto& rated : group) {
        if (rated.speed_mbps == fastest) fast_links += (fast_links.empty() ? "" : ",") + rated.link->name;
    }
    for (const auto& rated : group) {
        const std::string& name = rated.link->name;
        if (rated.speed_mbps == fastest || (!device.empty() && name != device)) continue;
        diagnosis.add(make_finding("link.slower_than_peers", {
            .title = name + " runs at " + speed_text(rated.speed_mbps) + " while other " + driver + " links run at " +
                     speed_text(fastest),
            .evidence = {{"speed_mbps", rated.speed_mbps, kSource},
                         {"peer_speed_mbps", fastest, kSource},
                         {"driver", driver, kSource},
                         {"peers", fast_links, kSource}},
            .fill = {{"dev", name}},
            .netns = snapshot.netns,
        }));
    }
}

}  // namespace

void speed_findings(const Snapshot& snapshot, const std::string& device, Diagnosis& diagnosis) {
    std::map<std::string, std::vector<Rated>> by_driver;
    for (const auto& link : snapshot.links) {
        if (!link.ethtool || !has_carrier(link)) continue;
        if (device.empty() || link.name == device) check_duplex(snapshot, link, diagnosis);
        const auto speed = known_speed(*link.ethtool);
        if (speed && link.ethtool->driver) by_driver[*link.ethtool->driver].push_back({&link, *speed});
    }
    for (const auto& [driver, group] : by_driver) {
        if (group.size() >= 2) check_driver_group(snapshot, driver, group, device, diagnosis);
    }
}

}  // namespace netlens::iface
