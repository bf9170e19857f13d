// The two clocks a trace reads at every stop: the wall clock for -t/-tt/-ttt and `ts_us`,
// the monotonic one for durations (-T, -r, -c), which a clock change cannot bend.
#pragma once

#include <time.h>

#include <cstdint>

#include "trace/trace_model.h"

namespace netlens::trace {

inline WallMicros wall_micros() {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<WallMicros>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

inline uint64_t monotonic_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000 + static_cast<uint64_t>(now.tv_nsec);
}

}  // namespace netlens::trace
