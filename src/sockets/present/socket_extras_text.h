// What ss prints after a socket's peer column, in ss's order (iproute2 6.1
// inet_show_sock / unix_show_sock): the owners (-p), the timer (-o), the details (-e),
// --tos, --cgroup, and for UNIX sockets the memory (-m); then, for inet sockets, a
// line under the row with --inet-sockopt and one with -m and -i (each on the row itself
// with -O). Each piece starts with
// a space, as in ss, so the table's last column reads "Port users:((...)) timer:(...)".
#pragma once

#include <string>

#include "sockets/model.h"
#include "sockets/present/cgroup_paths.h"

namespace netlens::sockets {

struct ExtrasOptions {
    bool processes = false;  // -p
    bool threads = false;    // -T: tid= in users:(...)
    bool timers = false;     // -o (and -e)
    bool extended = false;   // -e
    bool memory = false;     // -m
    bool tcp_info = false;   // -i
    bool tos = false;        // --tos
    bool cgroup = false;     // --cgroup
    bool inet_sockopt = false;  // --inet-sockopt
    bool oneline = false;    // -O
    bool numeric = false;    // -n (rates in -i, packet and netlink protocol names)
    bool bpf = false;        // -b: packet sockets' filter programs
};

// ss's name for sock_diag's idiag_timer: off, on (retransmit), keepalive, timewait,
// persist (zero-window probe), unknown.
const char* timer_name(uint8_t timer);
// "timer:(keepalive,119min,0)" for a timer that runs, "" for none.
std::string timer_text(uint8_t timer, uint32_t expires_ms, uint8_t retransmits);
// ss's "119min", "9.123ms", "1.500ms", "15sec" rounding of a countdown.
std::string countdown_text(uint32_t ms);
// "skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0)"
std::string memory_text(const SocketMemory& memory);
// " users:((\"nginx\",pid=413,fd=6),(\"nginx\",pid=412,fd=6))", most recent pid first as ss lists them.
std::string users_text(const std::vector<ProcessRef>& processes);

// The text after the peer port on the socket's row (may be "").
std::string row_extras_text(const Socket& socket, const ExtrasOptions& options, CgroupPaths& cgroups);
// The --inet-sockopt line under an inet socket's row ("" for none, and with -O, where
// row_extras_text carries it).
std::string inet_sockopt_line(const Socket& socket, const ExtrasOptions& options);
// The -m/-i text: true when the socket gets one (a line "\t" + text, even if the
// kernel sent nothing to fill it, as ss prints it), with `text` set.
bool detail_text(const Socket& socket, const ExtrasOptions& options, std::string& text);

}  // namespace netlens::sockets
