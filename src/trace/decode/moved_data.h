// The data a successful read or write moved, buffer by buffer, for strace's -e read=SET
// and -e write=SET dumps: one buffer for read/recvfrom/write/sendto (and the p- forms),
// one per iovec for readv/writev/recvmsg/sendmsg. Whole (up to kMovedDataLimit), whatever
// -s says.
#pragma once

#include <cstddef>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

// A read or a write can move up to 2 GiB; a dump stops here rather than hold all of it.
inline constexpr size_t kMovedDataLimit = 16u << 20;

enum class DataDirection { none, read, written };

struct MovedData {
    DataDirection direction = DataDirection::none;
    bool by_iovec = false;  // strace heads each buffer with " * N bytes in buffer I"
    std::vector<std::vector<std::byte>> buffers;
};

// Which way the call moves data (none for calls that move none, or that strace does not
// dump: sendfile, splice, the mmsg calls).
DataDirection data_direction(long number);

// The data, read from the tracee at the call's exit; empty when it failed or moved nothing.
MovedData moved_data(const CallRecord& call, TraceeMemory& memory);

}  // namespace netlens::trace
