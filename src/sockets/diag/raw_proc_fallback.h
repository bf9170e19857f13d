// RAW sockets from /proc/net/raw and /proc/net/raw6, for kernels built without raw
// socket diagnostics (CONFIG_INET_RAW_DIAG): their sock_diag dump ends in an error, and
// ss then reads these files instead, with the same columns (state, queues, addresses,
// the protocol as the local "port", the inode that -p attributes to processes).
// Read through the Source, so --record / --replay hold them like any other read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/finding.h"
#include "proc/inet_socket_table.h"
#include "sockets/model.h"
#include "source/source.h"

namespace netlens::sockets {

// The socket a /proc/net/raw{,6} line describes.
Socket raw_socket_from_proc(const proc::InetSocketLine& line);

// Hands on every RAW socket of `family` (AF_INET or AF_INET6) whose state is in
// `state_mask`. A file that cannot be read is a skipped check in `diagnosis`;
// unparsable lines are damage (exit 3).
void raw_sockets_from_proc(source::Source& source, int family, uint32_t state_mask,
                           const std::function<void(Socket&&)>& on_socket, Diagnosis& diagnosis);

}  // namespace netlens::sockets
