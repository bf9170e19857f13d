#include "cli/common_flags.h"

#include "core/output_destination.h"

namespace netlens::cli {

OutputOptions CommonFlags::output() const {
    OutputOptions options;
    options.format = json ? Format::json : ndjson ? Format::ndjson : Format::text;
    options.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
    options.file = output_file;
    options.notes_to_stderr = notes_to_stderr;
    options.to_stderr = output_to_stderr;
    return options;
}

void add_output_flags(CLI::App& app, CommonFlags& flags) {
    auto* json = app.add_flag("--json", flags.json, "Print one JSON document (schema netlens/1)");
    auto* ndjson = app.add_flag("--ndjson", flags.ndjson, "Print one JSON object per line, each with a \"type\"");
    json->excludes(ndjson);
    app.add_option("--color", flags.color, "Colour text output: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->default_str("auto");
    app.add_option("--output", flags.output_file, "Write output to FILE instead of standard output")
        ->type_name("FILE");
}

void add_netns_flags(CLI::App& app, CommonFlags& flags) {
    auto* netns = app.add_option("--netns", flags.netns,
                                 "Run in network namespace NAME (/run/netns/NAME), pid:PID or a namespace file path")
                      ->type_name("NAME")
                      // An empty value would otherwise read as "no --netns" and run here.
                      ->check([](const std::string& value) {
                          return value.empty() ? std::string("empty namespace name") : std::string();
                      });
    auto* all = app.add_flag("--all-netns", flags.all_netns,
                             "Visit every network namespace on the host; rows are labelled with it");
    netns->excludes(all);
    add_source_flags(app, flags.source);
}

std::vector<NetnsTarget> netns_targets(const CommonFlags& flags) {
    if (flags.all_netns) return all_netns_targets();
    if (flags.netns.empty()) return {};
    auto target = parse_netns_target(flags.netns);
    if (!target) throw FatalError(target.error());
    return {*target};
}

ExitCode run_stages(const CommonFlags& flags, const std::string& command, const Stages& stages) {
    auto opened = open_session(flags.source);
    if (!opened) throw FatalError(opened.error());
    OutputDestination destination(flags.output());
    auto sink = make_sink(destination, command);
    Diagnosis diagnosis;
    if (opened->partial) diagnosis.damaged("replay", opened->warning);
    {
        const RunContext context{opened->session, opened->session.namespaces([&] { return netns_targets(flags); })};
        if (auto error = stages(context, *sink, diagnosis)) throw FatalError(*error);
    }
    sink->finish(diagnosis);
    if (auto failed = opened->session.finish()) throw FatalError(*failed);
    return diagnosis.partial() ? ExitCode::partial : ExitCode::ok;
}

}  // namespace netlens::cli
