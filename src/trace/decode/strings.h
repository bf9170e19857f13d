// Buffers and paths as strace quotes them: printable ASCII as is, C escapes for \t \n \v
// \f \r " and \, octal for the rest (three digits only when a digit follows), -x hex for
// the whole string when any byte is not printable, -xx hex for every byte; -s N bytes then "...".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// The quoted text of `bytes`, without the "..." of a cut.
std::string quote_bytes(std::span<const std::byte> bytes, DecodeOptions::Hex hex);

// A leaf for bytes shown from a buffer of `full_length` bytes: quoted, "..." when cut;
// json is the text itself when it is UTF-8, else the escaped form.
Value bytes_value(std::span<const std::byte> shown, size_t full_length, DecodeOptions::Hex hex);

// `length` bytes at `address` (the -s limit applies); NULL or the hex address when they
// cannot be read.
Value buffer_value(TraceeMemory& memory, uint64_t address, size_t length, const DecodeOptions& options);

// A NUL-terminated path (not cut by -s, as in strace); "..." when no NUL within PATH_MAX.
Value path_value(TraceeMemory& memory, uint64_t address, const DecodeOptions& options);

// Up to `limit` bytes at `address` for NDJSON's payload; empty when unreadable.
std::vector<std::byte> read_payload(TraceeMemory& memory, uint64_t address, size_t length, size_t limit);

}  // namespace netlens::trace
