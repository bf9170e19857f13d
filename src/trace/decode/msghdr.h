// struct msghdr and mmsghdr (sendmsg, recvmsg, sendmmsg, recvmmsg) as strace shows them:
// name, iovecs, control messages (SCM_RIGHTS fds, SCM_CREDENTIALS) and flags.
#pragma once

#include <cstdint>
#include <functional>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// Renders one fd found in a control message.
using FdValue = std::function<Value(int64_t fd)>;

// The msghdr at `address`; at most `data_total` bytes of iovec data are shown (the
// result of a receive; kAllData for a send).
Value msghdr_value(TraceeMemory& memory, uint64_t address, uint64_t data_total, const DecodeOptions& options,
                   const FdValue& fd_value);

// `count` mmsghdrs at `address`: [{msg_hdr={...}, msg_len=N}, ...]; a received entry's
// data is cut at its msg_len.
Value mmsghdr_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, bool received,
                          const DecodeOptions& options, const FdValue& fd_value);

// The data of a msghdr's iovecs, for NDJSON's payload.
std::vector<std::byte> msghdr_payload(TraceeMemory& memory, uint64_t address, uint64_t data_total, size_t limit);
// The same, buffer by buffer (-e read=/write= dumps each iovec on its own).
std::vector<std::vector<std::byte>> msghdr_buffers(TraceeMemory& memory, uint64_t address, uint64_t data_total,
                                                   size_t limit);

}  // namespace netlens::trace
