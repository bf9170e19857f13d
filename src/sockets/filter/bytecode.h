// Pushes a filter's expression into the kernel as inet_diag bytecode
// (INET_DIAG_REQ_BYTECODE), so sockets that cannot match never cross into user space.
// The kernel's matching mirrors filter_eval.cc (ports, prefixes, IPv4-mapped IPv6),
// but callers still re-check every socket with Filter::matches: a program only has to
// never drop a socket the user-space filter would keep.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sockets/filter/filter.h"

namespace netlens::sockets {

// The program, or nullopt when there is nothing to push down (no expression) or it
// does not fit the format (jump offsets are 16-bit; the attribute holds < 64 KiB).
// Uses INET_DIAG_BC_S_EQ / D_EQ for port equality, which kernels since 4.16 accept.
std::optional<std::vector<uint8_t>> compile_inet_bytecode(const Filter& filter);

}  // namespace netlens::sockets
