// Socket addresses as strace shows them: {sa_family=AF_INET, sin_port=htons(80),
// sin_addr=inet_addr("1.2.3.4")}, the inet_pton form for IPv6, sun_path with @ for
// abstract names, netlink and packet addresses; other families as sa_data bytes.
#pragma once

#include <cstdint>
#include <span>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// The address in `bytes` (as many as the caller's length said, at most a sockaddr_storage).
// `hex` (-x/-xx) applies to the quoted parts: sun_path, inet_addr("..."), inet_pton(...).
Value sockaddr_from_bytes(std::span<const std::byte> bytes, DecodeOptions::Hex hex);

// `length` bytes at `address`: NULL, or the hex address when they cannot be read.
Value sockaddr_value(TraceeMemory& memory, uint64_t address, uint64_t length, DecodeOptions::Hex hex);

}  // namespace netlens::trace
