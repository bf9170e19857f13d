// netlens: one binary for debugging Linux networks. main() builds the command line from
// the command table, runs the chosen subcommand and turns errors into messages and the
// documented exit codes (src/core/error.h).
#include <CLI/CLI.hpp>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "core/error.h"

namespace {

constexpr const char* kFooter =
    "Flags every command takes:\n"
    "  --json / --ndjson    one JSON document (schema netlens/1) / one JSON object per line\n"
    "  --color WHEN         auto (on a terminal), always or never\n"
    "  --output FILE        write output to FILE\n"
    "  --netns NAME         run in /run/netns/NAME, pid:PID or a namespace file\n"
    "  --all-netns          visit every network namespace; rows are labelled\n"
    "  --record / --replay FILE  save the kernel's answers to FILE / answer from it\n\n"
    "Exit codes: 0 ok, 1 operation failed, 2 bad usage, 3 partial results, 4 missing privilege.\n"
    "Run 'netlens COMMAND --help' for the flags of a command.\n";

}  // namespace

int main(int argc, char** argv) {
    using netlens::ExitCode;
    CLI::App app{"netlens: debug Linux networks from the link up to the application", "netlens"};
    app.footer(kFooter);
    app.set_version_flag("--version", netlens::cli::kVersion);
    app.require_subcommand(1);

    netlens::cli::RunState state;
    for (const auto& command : netlens::cli::kCommands) {
        CLI::App* sub = app.add_subcommand(command.name, command.summary);
        command.setup(*sub, state);
    }

    const std::string subcommand_hint = "Run 'netlens --help' for usage.";
    // CLI11 would only say "A subcommand is required"; name the word that is wrong.
    if (argc > 1 && argv[1][0] != '-' && !netlens::cli::is_command(argv[1])) {
        std::cerr << "netlens: " << argv[1] << ": unknown command (" << subcommand_hint << ")\n";
        return static_cast<int>(ExitCode::usage);
    }
    const std::string first = argc > 1 ? argv[1] : "";
    if (!first.empty() && first[0] == '-' && first != "-h" && first != "--help" && first != "--help-all" &&
        first != "--version") {
        std::cerr << "netlens: " << first << ": unknown option before the command (" << subcommand_hint << ")\n";
        return static_cast<int>(ExitCode::usage);
    }
    // A command that runs another keeps everything after its first "--" for it.
    const netlens::cli::Command* chosen = argc > 1 ? netlens::cli::find_command(argv[1]) : nullptr;
    if (chosen != nullptr && chosen->runs_a_command) {
        for (int i = 2; i < argc; ++i) {
            if (std::string_view(argv[i]) != "--") continue;
            state.after_separator.assign(argv + i + 1, argv + argc);
            argc = i;
            break;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive this way too (exit code 0); CLI11 prints the help
        // of the subcommand that asked for it.
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "netlens: " << e.what() << " (" << subcommand_hint << ")\n";
        return static_cast<int>(ExitCode::usage);
    } catch (const netlens::FatalError& e) {
        std::cerr << "netlens: " << e.what() << '\n';
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::cerr << "netlens: internal error: " << e.what() << '\n';
        return static_cast<int>(ExitCode::failure);
    }
    return static_cast<int>(state.exit_code);
}
