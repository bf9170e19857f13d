// netlens iface [DEV]: what `ip addr`, `ip -d link`, `ip -s link`, `ip neigh`, `ethtool`,
// `ethtool -i` and `ethtool -S` show, in tables (one device: its addresses and ethtool
// settings as those tools print them), with findings about the links.
#include "cli/commands.h"
#include "cli/common_flags.h"
#include "iface/iface_collect.h"
#include "iface/iface_present.h"

namespace netlens::cli {

namespace {

struct IfaceFlags {
    CommonFlags common;
    std::string device;
    double interval_s = 0;
    bool stats = false;
    bool neighbours = false;
};

ExitCode run_iface(const IfaceFlags& flags) {
    // The plain text view shows no driver counters, so it need not pay for reading them.
    const bool show_nic = flags.common.json || flags.common.ndjson || flags.stats || flags.interval_s > 0;
    // ethtool's settings are read in every view: the speed and duplex findings need them
    // (a dump per query and one ioctl per link).
    iface::IfaceRequest request{
        .device = flags.device, .interval_s = flags.interval_s, .nic_counters = show_nic, .ethtool = true};
    const iface::IfacePresentOptions present{flags.stats || flags.interval_s > 0, flags.neighbours};
    return run_stages(flags.common, "iface",
                      [&](const RunContext& context, Sink& sink, Diagnosis& diagnosis) -> std::optional<Error> {
        request.targets = context.targets;
        auto report = iface::collect_iface(request, context.session);
        if (!report) return report.error();
        iface::present_iface(sink, *report, present);
        diagnosis.append(std::move(report->diagnosis));
        return std::nullopt;
    });
}

}  // namespace

void setup_iface(CLI::App& app, RunState& state) {
    auto flags = std::make_shared<IfaceFlags>();
    app.add_option("DEV", flags->device, "Show only this interface");
    app.add_option("-i,--interval", flags->interval_s,
                   "Sample counters twice, SECONDS apart: rates, deltas and the 'errors rising' check")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.01, 3600.0));
    app.add_flag("-s,--stats", flags->stats, "Show the counters table (ip -s link; driver drop/error counters)");
    app.add_flag("--neigh", flags->neighbours, "Show the neighbour (ARP/NDP) table");
    add_output_flags(app, flags->common);
    add_netns_flags(app, flags->common);
    app.callback([flags, &state] { state.exit_code = run_iface(*flags); });
}

}  // namespace netlens::cli
