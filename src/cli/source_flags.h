// --record FILE and --replay FILE: where a command's kernel answers come from. Like
// ss -D, a recording holds the raw netlink replies and the /proc and sysctl reads of
// one run; replayed, it gives the same output and findings on another machine.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/error.h"
#include "source/session.h"

namespace netlens::cli {

struct SourceFlags {
    std::string record_file;
    std::string replay_file;
};

void add_source_flags(CLI::App& app, SourceFlags& flags);

// The session the flags ask for. An unreadable --replay file (or one that is not a
// recording) and a --record file that cannot be created are usage errors naming the
// path. A damaged --replay file still gives a session that replays what comes before
// the damage: `partial` is set and `warning` says where the damage is, so the command
// prints the warning and exits with ExitCode::partial.
struct OpenedSession {
    source::Session session;
    bool partial = false;
    std::string warning;
};
Result<OpenedSession> open_session(const SourceFlags& flags);

}  // namespace netlens::cli
