// Flags every command shares: output format (--json, --ndjson), colour, --output FILE
// and namespace selection. They are long options only: every short letter belongs to
// its command and means what the peer tool's letter means (sockets -o is ss's timers).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/source_flags.h"
#include "core/sink.h"
#include "core/error.h"
#include "core/netns.h"
#include "core/output_options.h"

namespace netlens::cli {

struct CommonFlags {
    bool json = false;
    bool ndjson = false;
    std::string color = "auto";
    std::string output_file;
    std::string netns;
    bool all_netns = false;
    SourceFlags source;  // --record / --replay
    bool notes_to_stderr = false;  // set by a command's own flag (sockets -H)
    bool output_to_stderr = false;  // set by a command that writes where strace writes (trace)

    OutputOptions output() const;
};

void add_output_flags(CLI::App& app, CommonFlags& flags);
// --netns, --all-netns, and where the answers come from: --record, --replay.
void add_netns_flags(CLI::App& app, CommonFlags& flags);

// The namespaces a command should visit: none (here), the --netns one, or all of them.
// A malformed --netns value throws FatalError (usage).
std::vector<NetnsTarget> netns_targets(const CommonFlags& flags);

// What every command's stages run with: the run's session (live, recording or
// replaying) and the namespaces to visit (from --netns/--all-netns, or as recorded).
struct RunContext {
    const source::Session& session;
    std::vector<NetnsTarget> targets;
};

// A command's stages after flag parsing: read, analyse and present to `sink`, noting
// findings, gaps and damage in `diagnosis`. A returned error ends the command.
using Stages = std::function<std::optional<Error>(const RunContext& context, Sink& sink, Diagnosis& diagnosis)>;

// Opens the session (--record/--replay) and the destination, makes the sink for the chosen format, runs the stages and
// finishes the output. Returns the exit code: partial (3) when data the output depends
// on was missing or damaged, ok otherwise. An error from the stages is thrown as a
// FatalError carrying its exit code; a failed write throws one with exit 1.
ExitCode run_stages(const CommonFlags& flags, const std::string& command, const Stages& stages);

}  // namespace netlens::cli
