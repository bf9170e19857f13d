// getsockopt/setsockopt: option names by level (SO_*, TCP_*, IP_*, IPV6_*) and values:
// ints as [1], SO_ERROR as [ECONNREFUSED], SO_LINGER as {l_onoff=1, l_linger=5}, the
// rest as bytes, as strace shows them.
#pragma once

#include <cstdint>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

Value socket_level_value(uint32_t level);
Value socket_option_name_value(uint32_t level, uint32_t name);

// The option value: `length` bytes at `address` (length as the call gave it, or as the
// kernel returned it for getsockopt).
Value socket_option_value(TraceeMemory& memory, uint64_t address, uint64_t length, uint32_t level, uint32_t name,
                          const DecodeOptions& options);

}  // namespace netlens::trace
