#include "iface/iface_report.h"

#include <chrono>
#include <thread>

#include "iface/findings.h"
#include "iface/iface_json.h"

namespace netlens::iface {

namespace {

Snapshot only_device(const Snapshot& snapshot, const std::string& device) {
    Snapshot filtered = snapshot;
    std::erase_if(filtered.links, [&](const Link& link) { return link.name != device; });
    return filtered;
}

}  // namespace

Result<IfaceReport> collect_iface(const IfaceRequest& request) {
    IfaceReport report;
    report.device = request.device;
    report.have_interval = request.interval_s > 0;

    const SnapshotOptions options{.nic_counters = request.nic_counters, .nic_device = request.device};
    auto first = take_snapshots(request.targets, options, report.diagnosis);
    if (!first) return first.error();
    std::vector<Snapshot> second;
    if (report.have_interval) {
        std::this_thread::sleep_for(std::chrono::duration<double>(request.interval_s));
        Diagnosis ignored;  // the same skips were recorded by the first sample
        auto later = take_snapshots(request.targets, options, ignored);
        if (!later) return later.error();
        second = std::move(*later);
    }

    for (auto& snapshot : *first) {
        IfaceView view;
        view.snapshot = std::move(snapshot);
        for (auto& later : second) {
            if (later.netns != view.snapshot.netns) continue;
            const double elapsed = std::chrono::duration<double>(later.taken_at - view.snapshot.taken_at).count();
            view.deltas = link_deltas(view.snapshot.links, later.links, elapsed);
            view.snapshot = std::move(later);
        }
        if (!request.device.empty() && find_link(view.snapshot.links, request.device) == nullptr) {
            if (request.targets.size() <= 1) {
                return Error{ExitCode::usage, "iface " + request.device + ": no such device"};
            }
            continue;
        }
        const Snapshot& judged = request.device.empty() ? view.snapshot : only_device(view.snapshot, request.device);
        link_findings(judged, view.deltas, report.have_interval, report.diagnosis);
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

Document iface_document(const IfaceReport& report) {
    Document document;
    document.command = "iface";
    auto& links = document.section("links", "link");
    auto& neighbours = document.section("neighbours", "neighbour");
    for (const auto& view : report.views) {
        for (const auto* link : shown_links(report, view)) {
            links.records.push_back(link_json(*link, view.snapshot, find_delta(view.deltas, link->ifindex)));
        }
        for (const auto& neighbour : view.snapshot.neighbours) {
            if (!report.device.empty() && link_name(view.snapshot.links, neighbour.ifindex) != report.device) continue;
            neighbours.records.push_back(neighbour_json(neighbour, view.snapshot));
        }
    }
    document.diagnosis = report.diagnosis;
    return document;
}

}  // namespace netlens::iface
