// strace's -e signal=SET: which delivered signals get a "--- SIG... ---" line. A comma
// list of names (with or without "SIG", any case: SIGCHLD, chld), numbers, "all" or
// "none"; a leading "!" negates it.
#pragma once

#include <bitset>
#include <string_view>

#include "core/error.h"

namespace netlens::trace {

inline constexpr int kSignalSlots = 65;  // signals 1..64
using SignalSet = std::bitset<kSignalSlots>;

SignalSet all_signals();
Result<SignalSet> parse_signal_set(std::string_view expression);

}  // namespace netlens::trace
