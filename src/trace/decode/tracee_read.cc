#include "trace/decode/tracee_read.h"

#include <algorithm>
#include <span>

namespace netlens::trace {

std::optional<std::vector<std::byte>> read_bytes(TraceeMemory& memory, uint64_t address, size_t length) {
    if (address == 0 && length > 0) return std::nullopt;
    length = std::min(length, kMaxTraceeRead);
    std::vector<std::byte> bytes(length);
    if (length > 0 && memory.read(address, bytes) != length) return std::nullopt;
    return bytes;
}

std::optional<TraceeString> read_c_string(TraceeMemory& memory, uint64_t address, size_t limit) {
    if (address == 0) return std::nullopt;
    limit = std::min(limit, kMaxTraceeRead);
    TraceeString result;
    // Chunks that stop at page boundaries: a string ending just before an unmapped page
    // must still be read whole.
    constexpr uint64_t kPage = 4096;
    std::byte chunk[256];
    while (result.bytes.size() < limit) {
        const uint64_t at = address + result.bytes.size();
        const size_t to_page_end = static_cast<size_t>(kPage - at % kPage);
        const size_t want = std::min({sizeof chunk, to_page_end, limit - result.bytes.size()});
        const size_t got = memory.read(at, std::span<std::byte>(chunk, want));
        if (got == 0) break;
        for (size_t i = 0; i < got; ++i) {
            if (chunk[i] == std::byte{0}) {
                result.terminated = true;
                return result;
            }
            result.bytes.push_back(static_cast<char>(chunk[i]));
        }
        if (got < want) break;
    }
    if (result.bytes.empty()) return std::nullopt;
    return result;
}

}  // namespace netlens::trace
