// How many leading arguments strace prints when a call enters: the rest (what the call
// writes back: buffers read, addresses returned, ready descriptors) it prints at the exit.
// A call split by another thread's line shows the first part before "<unfinished ...>"
// and the rest after "<... NAME resumed>"; a call its task never returns from ends with
// " <unfinished ...>) = ?" when arguments were left for the exit.
#pragma once

#include <cstddef>

#include "trace/trace_model.h"

namespace netlens::trace {

size_t entry_argument_count(const SyscallEntry& entry);

}  // namespace netlens::trace
