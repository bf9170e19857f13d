// The table of subcommands. Each cmd_<name>.cc defines one setup function that adds its
// subcommand and flags to the app and arranges for the command to run when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace netlens::cli {

// What --version (and `sockets -V`, as ss -V) prints.
inline constexpr const char* kVersion = "netlens 0.1.0";

// Set by the chosen command's callback; read by main() once parsing and running are done.
struct RunState {
    ExitCode exit_code = ExitCode::ok;
    // The words after the first "--" of a command that runs another (trace -- CMD ARGS):
    // they are the other command's, and never parsed as ours.
    std::vector<std::string> after_separator;
};

struct Command {
    const char* name;
    const char* summary;
    void (*setup)(CLI::App& subcommand, RunState& state);
    bool runs_a_command = false;  // `--` ends its flags; the rest is a command line
};

void setup_iface(CLI::App& subcommand, RunState& state);
void setup_route(CLI::App& subcommand, RunState& state);
void setup_sockets(CLI::App& subcommand, RunState& state);
void setup_trace(CLI::App& subcommand, RunState& state);

inline constexpr Command kCommands[] = {
    {"iface", "Links, addresses, counters and neighbours (ip link/addr/neigh, ip -s link, ethtool -S)", setup_iface},
    {"route", "Routing table and the kernel's route for a destination (ip route, ip route get)", setup_route},
    {"sockets", "Sockets with filters, TCP internals, owners and advice (ss)", setup_sockets},
    {"trace", "Network system calls of a command or process, each fd shown as its socket (strace -f -yy)", setup_trace,
     true},
};

inline const Command* find_command(std::string_view name) {
    for (const auto& command : kCommands) {
        if (name == command.name) return &command;
    }
    return nullptr;
}

inline bool is_command(std::string_view name) { return find_command(name) != nullptr; }

}  // namespace netlens::cli
