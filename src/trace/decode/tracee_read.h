// Bounded reads of tracee memory. The tracee's bytes are outside input: every read says
// how much it asks for, and a short read is reported, never padded with stale bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

// The upper bound of any single read a decoder makes (a buffer, an array, a path).
inline constexpr size_t kMaxTraceeRead = 1 << 16;

// Exactly `length` bytes (capped at kMaxTraceeRead), or nullopt when fewer could be read.
std::optional<std::vector<std::byte>> read_bytes(TraceeMemory& memory, uint64_t address, size_t length);

// A plain struct, or nullopt when it could not be read whole.
template <typename T>
std::optional<T> read_object(TraceeMemory& memory, uint64_t address) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (address == 0) return std::nullopt;
    T object;
    std::byte raw[sizeof(T)];
    if (memory.read(address, raw) != sizeof(T)) return std::nullopt;
    std::memcpy(&object, raw, sizeof(T));
    return object;
}

// A NUL-terminated string up to `limit` bytes: the bytes before the NUL and whether the
// NUL was found; nullopt when not even the first byte could be read.
struct TraceeString {
    std::string bytes;
    bool terminated = false;
};
std::optional<TraceeString> read_c_string(TraceeMemory& memory, uint64_t address, size_t limit);

}  // namespace netlens::trace
