// Flags every command shares, with the meanings users know from ss, ip and tcpdump:
// output format (--json, --ndjson), colour, -o FILE, -n, and namespace selection.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/error.h"
#include "core/netns.h"
#include "core/output_options.h"

namespace netlens::cli {

struct CommonFlags {
    bool json = false;
    bool ndjson = false;
    std::string color = "auto";
    std::string output_file;
    bool numeric = false;
    std::string netns;
    bool all_netns = false;

    OutputOptions output() const;
};

void add_output_flags(CLI::App& app, CommonFlags& flags);
void add_netns_flags(CLI::App& app, CommonFlags& flags);

// The namespaces a command should visit: none (here), the --netns one, or all of them.
// A malformed --netns value throws FatalError (usage).
std::vector<NetnsTarget> netns_targets(const CommonFlags& flags);

using TextPrinter = std::function<void(std::ostream& out, bool color)>;
using DocumentBuilder = std::function<Document()>;

// Writes the results in the chosen format and returns the exit code for a command that
// ran: ok, or partial when `partial` is set. The document is built only for --json and
// --ndjson; text goes through `text`.
ExitCode emit(const CommonFlags& flags, const DocumentBuilder& document, const TextPrinter& text,
              bool partial = false);

}  // namespace netlens::cli
