#include "iface/iface_collect.h"

#include <chrono>
#include <thread>

#include "source/namespace_visits.h"
#include "iface/findings.h"

namespace netlens::iface {

namespace {

Snapshot only_device(const Snapshot& snapshot, const std::string& device) {
    Snapshot filtered = snapshot;
    std::erase_if(filtered.links, [&](const Link& link) { return link.name != device; });
    return filtered;
}

}  // namespace

Result<IfaceReport> collect_iface(const IfaceRequest& request, const source::Session& session) {
    IfaceReport report;
    report.device = request.device;
    report.have_interval = request.interval_s > 0;
    report.labelled = !request.targets.empty();

    const SnapshotOptions options{
        .nic_counters = request.nic_counters, .ethtool = request.ethtool, .device = request.device, .proxies = true};
    // Both samples of a namespace are taken in the same visit, so namespaces wait out
    // their intervals side by side.
    auto views = source::collect_in_namespaces<IfaceView>(
        session, request.targets,
        [&](source::Source& source, Diagnosis& diagnosis) -> Result<IfaceView> {
            IfaceView view;
            auto first = take_snapshot(source, options, diagnosis);
            if (!first) return first.error();
            view.snapshot = std::move(*first);
            if (request.interval_s <= 0) return view;
            std::this_thread::sleep_for(std::chrono::duration<double>(request.interval_s));
            Diagnosis repeated;  // the same gaps the first sample recorded
            auto later = take_snapshot(source, options, repeated);
            if (!later) {
                diagnosis.damaged("link.errors_rising", "second sample failed: " + later.error().message);
                return view;
            }
            const double elapsed = std::chrono::duration<double>(later->taken_at - view.snapshot.taken_at).count();
            view.deltas = link_deltas(view.snapshot.links, later->links, elapsed);
            view.snapshot = std::move(*later);
            return view;
        },
        report.diagnosis);
    if (!views) return views.error();

    for (auto& [netns, view] : *views) {
        view.snapshot.netns = netns;
        if (!request.device.empty() && find_link(view.snapshot.links, request.device) == nullptr) {
            if (request.targets.size() <= 1) {
                return Error{ExitCode::usage, "iface " + request.device + ": no such device"};
            }
            continue;
        }
        const Snapshot& judged = request.device.empty() ? view.snapshot : only_device(view.snapshot, request.device);
        link_findings(judged, view.deltas, report.have_interval, report.diagnosis);
        speed_findings(view.snapshot, request.device, report.diagnosis);
        route_findings(view.snapshot, report.diagnosis);
        report.views.push_back(std::move(view));
    }
    if (!request.device.empty() && report.views.empty()) {
        return Error{ExitCode::usage, "iface " + request.device + ": no such device in any namespace"};
    }
    return report;
}

std::vector<const Link*> shown_links(const IfaceReport& report, const IfaceView& view) {
    std::vector<const Link*> links;
    for (const auto& link : view.snapshot.links) {
        if (report.device.empty() || link.name == report.device) links.push_back(&link);
    }
    return links;
}

}  // namespace netlens::iface
