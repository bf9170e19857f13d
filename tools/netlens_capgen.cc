// netlens_capgen: writes a synthetic capture (pcap or pcapng) of HTTP, bulk TCP, DNS
// and fragmented UDP traffic from a seed, and prints what it put there as JSON, so the
// file can serve as a benchmark input and its summary as an oracle. Same flags, same
// file, byte for byte.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "packet/capture_writer.h"
#include "packet/generate/capture_generator.h"

using namespace netlens;
using namespace netlens::packet;

int main(int argc, char** argv) {
    CLI::App app{"Write a deterministic synthetic capture file"};
    std::string path;
    std::string format = "pcapng";
    std::string precision;
    std::string mix;
    std::string summary_path;
    generate::GeneratorOptions options;
    app.add_option("-w,--write", path, "capture file to write ('-' for stdout)")->required();
    app.add_option("-F,--format", format, "pcap or pcapng")->check(CLI::IsMember({"pcap", "pcapng"}));
    app.add_option("--precision", precision, "timestamp precision: us or ns (pcap: us, pcapng: ns)")
        ->check(CLI::IsMember({"us", "ns"}));
    app.add_option("-s,--seed", options.seed, "seed; the same seed and flags give the same file");
    app.add_option("-c,--packets", options.packets, "start flows until about this many packets were made");
    app.add_option("--flows", options.flows, "start exactly this many flows instead");
    app.add_option("--mix", mix, "flow kinds and weights, e.g. http=4,tcp=3,dns=4,fragments=1");
    app.add_option("--ipv6-percent", options.ipv6_percent, "share of flows over IPv6")->check(CLI::Range(0, 100));
    app.add_option("--vlan-percent", options.vlan_percent, "share of flows with an 802.1Q tag")
        ->check(CLI::Range(0, 100));
    app.add_option("--summary", summary_path, "write the JSON summary here instead of stderr ('-': stdout)");
    CLI11_PARSE(app, argc, argv);

    if (!mix.empty()) {
        auto weights = generate::parse_scenario_mix(mix);
        if (!weights) {
            std::cerr << "netlens_capgen: " << weights.error().message << "\n";
            return static_cast<int>(weights.error().code);
        }
        options.weights = *weights;
    }
    auto output = path == "-" ? Result<CaptureOutput>(CaptureOutput(STDOUT_FILENO, "stdout"))
                              : CaptureOutput::create_file(path);
    if (!output) {
        std::cerr << "netlens_capgen: " << output.error().message << "\n";
        return static_cast<int>(ExitCode::failure);
    }
    auto writer = make_capture_writer(format == "pcap" ? CaptureFormat::pcap : CaptureFormat::pcapng,
                                      std::move(*output));
    bool nano = precision.empty() ? format == "pcapng" : precision == "ns";
    auto interface = writer->add_interface(
        {LinkType::ethernet, "eth0", nano ? TimestampPrecision::nanoseconds : TimestampPrecision::microseconds});
    if (!interface) {
        std::cerr << "netlens_capgen: " << interface.error().message << "\n";
        return static_cast<int>(ExitCode::failure);
    }
    auto summary = generate::generate_capture(options, *writer, *interface);
    if (!summary) {
        std::cerr << "netlens_capgen: " << summary.error().message << "\n";
        return static_cast<int>(summary.error().code);
    }
    std::string json = generate::capture_summary_json(*summary) + "\n";
    if (summary_path.empty() || summary_path == "-") {
        (summary_path.empty() ? std::cerr : std::cout) << json;
    } else {
        std::ofstream out(summary_path);
        out << json;
        if (!out) {
            std::cerr << "netlens_capgen: " << summary_path << ": cannot write the summary\n";
            return static_cast<int>(ExitCode::failure);
        }
    }
    return 0;
}
