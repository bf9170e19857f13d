// Whole-buffer decompression of gzip (zlib) and zstd streams, for compressed captures.
// Concatenated members/frames are all read, as zcat and zstdcat do.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"
#include "packet/byte_cursor.h"

namespace netlens::packet {

enum class Compression { none, gzip, zstd };

Compression detect_compression(Bytes bytes);

// `name` is what messages call the input. Stops with an error beyond `limit` bytes out.
Result<std::vector<std::byte>> decompress(Bytes compressed, Compression kind, const std::string& name,
                                          std::size_t limit);

}  // namespace netlens::packet
