// What a call does to the descriptor table, from its number and raw arguments: which
// calls change it, which return a new descriptor, which descriptors a call names.
#pragma once

#include <cstdint>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

// Calls that change what a descriptor is: the engine stops on them whatever is shown.
bool keeps_fd_table(long number);
// Calls that may change their socket's addresses: its text is taken at the entry, and
// read afresh after the exit.
bool changes_addresses(long number);
bool returns_new_fd(long number, const SyscallEntry& entry);
// The descriptors a call names, for "is it on a socket": most name one in the first
// argument; sendfile and splice move data between two.
std::vector<int64_t> fd_arguments(const SyscallEntry& entry);

}  // namespace netlens::trace
