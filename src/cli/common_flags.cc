#include "cli/common_flags.h"

#include "core/output_sink.h"

namespace netlens::cli {

OutputOptions CommonFlags::output() const {
    OutputOptions options;
    options.format = json ? Format::json : ndjson ? Format::ndjson : Format::text;
    options.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
    options.numeric = numeric;
    options.file = output_file;
    return options;
}

void add_output_flags(CLI::App& app, CommonFlags& flags) {
    auto* json = app.add_flag("--json", flags.json, "Print one JSON document (schema netlens/1)");
    auto* ndjson = app.add_flag("--ndjson", flags.ndjson, "Print one JSON object per line, each with a \"type\"");
    json->excludes(ndjson);
    app.add_option("--color", flags.color, "Colour text output: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->default_str("auto");
    app.add_option("-o,--output", flags.output_file, "Write output to FILE instead of standard output")
        ->type_name("FILE");
    app.add_flag("-n,--numeric", flags.numeric, "Do not resolve names; print numbers");
}

void add_netns_flags(CLI::App& app, CommonFlags& flags) {
    auto* netns = app.add_option("--netns", flags.netns,
                                 "Run in network namespace NAME (/run/netns/NAME), pid:PID or a namespace file path")
                      ->type_name("NAME");
    auto* all = app.add_flag("--all-netns", flags.all_netns,
                             "Visit every network namespace on the host; rows are labelled with it");
    netns->excludes(all);
}

std::vector<NetnsTarget> netns_targets(const CommonFlags& flags) {
    if (flags.all_netns) return all_netns_targets();
    if (flags.netns.empty()) return {};
    auto target = parse_netns_target(flags.netns);
    if (!target) throw FatalError(target.error());
    return {*target};
}

ExitCode emit(const CommonFlags& flags, const DocumentBuilder& document, const TextPrinter& text, bool partial) {
    OutputSink sink(flags.output());
    switch (sink.options().format) {
        case Format::json: write_json(sink.stream(), document(), sink.terminal()); break;
        case Format::ndjson: write_ndjson(sink.stream(), document()); break;
        case Format::text: text(sink.stream(), sink.color()); break;
    }
    sink.stream().flush();
    return partial ? ExitCode::partial : ExitCode::ok;
}

}  // namespace netlens::cli
