// The `sockets` flags that choose socket tables and families beyond -t -u -w -x -4 -6
// (-f, -A, -0, -M, -S, -d, --vsock, --tipc, --xdp), and the replay of every selection
// flag in command-line order into a SocketSelection: in ss the order changes the answer
// (`-t -A udp` reads UDP only, `-A udp -t` both).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "sockets/selection/socket_selection.h"

namespace netlens::cli {

struct SelectionFlags {
    std::vector<std::string> families;  // -f, in order
    std::vector<std::string> queries;   // -A, in order
    bool packet = false, mptcp = false, sctp = false, dccp = false, vsock = false, tipc = false, xdp = false;
};

void add_selection_flags(CLI::App& app, SelectionFlags& flags);

// True when -f help was given: the caller prints the family names and stops.
bool wants_family_help(const SelectionFlags& flags);

// The flags of `app` (already parsed) in the order they were given. Unknown -f or -A
// words are usage errors naming the word.
sockets::SocketSelection selection_from(const CLI::App& app, const SelectionFlags& flags);

}  // namespace netlens::cli
