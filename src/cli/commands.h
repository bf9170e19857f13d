// The table of subcommands. Each cmd_<name>.cc defines one setup function that adds its
// subcommand and flags to the app and arranges for the command to run when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <string_view>

#include "core/error.h"

namespace netlens::cli {

// What --version (and `sockets -V`, as ss -V) prints.
inline constexpr const char* kVersion = "netlens 0.1.0";

// Set by the chosen command's callback; read by main() once parsing and running are done.
struct RunState {
    ExitCode exit_code = ExitCode::ok;
};

struct Command {
    const char* name;
    const char* summary;
    void (*setup)(CLI::App& subcommand, RunState& state);
};

void setup_iface(CLI::App& subcommand, RunState& state);
void setup_route(CLI::App& subcommand, RunState& state);
void setup_sockets(CLI::App& subcommand, RunState& state);

inline constexpr Command kCommands[] = {
    {"iface", "Links, addresses, counters and neighbours (ip link/addr/neigh, ip -s link, ethtool -S)", setup_iface},
    {"route", "Routing table and the kernel's route for a destination (ip route, ip route get)", setup_route},
    {"sockets", "Sockets with filters, TCP internals, owners and advice (ss)", setup_sockets},
};

inline bool is_command(std::string_view name) {
    for (const auto& command : kCommands) {
        if (name == command.name) return true;
    }
    return false;
}

}  // namespace netlens::cli
