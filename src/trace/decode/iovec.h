// iovec arrays (readv/writev, msg_iov): [{iov_base="...", iov_len=N}, ...]. A read shows
// only the bytes the call returned, spread over the buffers in order.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

inline constexpr uint64_t kAllData = std::numeric_limits<uint64_t>::max();

// `count` iovecs at `address`; at most `data_total` bytes of data shown in all; at most
// -s entries, then "...".
Value iovec_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, uint64_t data_total,
                        const DecodeOptions& options);

// The data of each iovec in turn, at most `data_total` (then `limit`) bytes in all.
std::vector<std::vector<std::byte>> iovec_buffers(TraceeMemory& memory, uint64_t address, uint64_t count,
                                                  uint64_t data_total, size_t limit);

// The first `limit` bytes of the data the iovecs carry (at most `data_total`).
std::vector<std::byte> iovec_payload(TraceeMemory& memory, uint64_t address, uint64_t count, uint64_t data_total,
                                     size_t limit);

}  // namespace netlens::trace
