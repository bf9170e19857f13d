// What the decoders are told by the command line: -s, -x/-xx and --payload.
#pragma once

#include <cstddef>

namespace netlens::trace {

struct DecodeOptions {
    size_t string_limit = 32;  // -s N: bytes of a buffer shown before "..."
    enum class Hex { none, non_ascii, all } hex = Hex::none;  // -x, -xx
    size_t payload_limit = 512;  // --payload N: bytes kept for NDJSON whatever -s says
};

}  // namespace netlens::trace
