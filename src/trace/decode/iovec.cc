#include "trace/decode/iovec.h"

#include <sys/uio.h>

#include <algorithm>

#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

// IOV_MAX: the kernel refuses more, so a larger count is not worth reading.
constexpr uint64_t kIovMax = 1024;

}  // namespace

Value iovec_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, uint64_t data_total,
                        const DecodeOptions& options) {
    if (address == 0 || count == 0) return count == 0 && address != 0 ? array({}) : pointer_value(address);
    const uint64_t shown = std::min<uint64_t>({count, kIovMax, options.string_limit});
    std::vector<Value> items;
    uint64_t data_left = data_total;
    for (uint64_t i = 0; i < shown; ++i) {
        const auto iov = read_object<iovec>(memory, address + i * sizeof(iovec));
        if (!iov) {
            if (i == 0) return pointer_value(address);
            items.push_back(pointer_value(address + i * sizeof(iovec)));
            break;
        }
        const auto base = reinterpret_cast<uint64_t>(iov->iov_base);
        const uint64_t data = std::min<uint64_t>(iov->iov_len, data_left);
        data_left -= data;
        items.push_back(structure({named("iov_base", buffer_value(memory, base, data, options)),
                                   named("iov_len", unsigned_value(iov->iov_len))}));
    }
    return array(std::move(items), shown < count);
}

std::vector<std::vector<std::byte>> iovec_buffers(TraceeMemory& memory, uint64_t address, uint64_t count,
                                                  uint64_t data_total, size_t limit) {
    std::vector<std::vector<std::byte>> buffers;
    uint64_t data_left = std::min<uint64_t>(data_total, limit);
    for (uint64_t i = 0; i < std::min(count, kIovMax) && data_left > 0; ++i) {
        const auto iov = read_object<iovec>(memory, address + i * sizeof(iovec));
        if (!iov) break;
        const size_t take = static_cast<size_t>(std::min<uint64_t>(iov->iov_len, data_left));
        auto bytes = read_bytes(memory, reinterpret_cast<uint64_t>(iov->iov_base), take);
        if (!bytes) break;
        buffers.push_back(std::move(*bytes));
        data_left -= take;
    }
    return buffers;
}

std::vector<std::byte> iovec_payload(TraceeMemory& memory, uint64_t address, uint64_t count, uint64_t data_total,
                                     size_t limit) {
    std::vector<std::byte> payload;
    for (const auto& buffer : iovec_buffers(memory, address, count, data_total, limit)) {
        payload.insert(payload.end(), buffer.begin(), buffer.end());
    }
    return payload;
}

}  // namespace netlens::trace
