#include "cli/source_flags.h"

namespace netlens::cli {

void add_source_flags(CLI::App& app, SourceFlags& flags) {
    auto* record = app.add_option("--record", flags.record_file,
                                  "Also write every netlink answer and /proc and sysctl read to FILE, for --replay")
                       ->type_name("FILE");
    auto* replay = app.add_option("--replay", flags.replay_file,
                                  "Answer from a file written by --record instead of asking the kernel")
                       ->type_name("FILE");
    record->excludes(replay);
}

Result<OpenedSession> open_session(const SourceFlags& flags) {
    if (!flags.replay_file.empty()) {
        auto session = source::Session::replay(flags.replay_file);
        if (!session) return Error{ExitCode::usage, "--replay " + session.error().message};
        OpenedSession opened{std::move(*session)};
        if (const auto& damage = opened.session.damage()) {
            opened.partial = true;
            opened.warning = "--replay " + damage->message + "; replaying what comes before it";
        }
        return opened;
    }
    if (!flags.record_file.empty()) {
        auto session = source::Session::record(flags.record_file);
        if (!session) return Error{ExitCode::usage, "--record " + session.error().message};
        return OpenedSession{std::move(*session)};
    }
    return OpenedSession{source::Session::live()};
}

}  // namespace netlens::cli
