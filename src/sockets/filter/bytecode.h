// Pushes a filter's expression into the kernel as inet_diag bytecode
// (INET_DIAG_REQ_BYTECODE), compiled as ss compiles it, so sockets that cannot match
// never cross into user space. ss keeps a socket when the kernel program and its
// user-space matcher both accept it, and the two differ in corners (filter_eval.cc), so
// callers must send exactly this program and re-check every socket with
// Filter::matches; then the results are ss's.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"
#include "sockets/filter/filter.h"

namespace netlens::sockets {

// The program, or nullopt when ss sends none: no expression, or a term ss leaves to
// user space (dev, a UNIX glob). Filters from parse_filter always fit the attribute;
// for a hand-built one that does not, nullopt too (check_kernel_program says so).
std::optional<std::vector<uint8_t>> compile_inet_bytecode(const Filter& filter);

// An error when the program would not fit one netlink attribute (< 64 KiB; jump
// offsets are 16-bit). parse_filter reports it, so such a filter never runs.
std::optional<Error> check_kernel_program(const Filter& filter);

}  // namespace netlens::sockets
