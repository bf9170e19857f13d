#include "trace/engine/tracee_memory.h"

#include <sys/ptrace.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "trace/engine/tracer.h"

namespace netlens::trace {

size_t LiveTraceeMemory::read(uint64_t address, std::span<std::byte> into) {
    if (into.empty()) return 0;
    if (!vm_readv_refused_) {
        const iovec local{into.data(), into.size()};
        const iovec remote{reinterpret_cast<void*>(address), into.size()};
        const ssize_t got = process_vm_readv(tid_, &local, 1, &remote, 1, 0);
        // A range that runs into an unmapped page comes back short, which is the answer.
        if (got >= 0) return static_cast<size_t>(got);
        if (errno != EPERM && errno != ENOSYS) return 0;  // EFAULT, ESRCH: nothing readable
        vm_readv_refused_ = true;
    }
    return peek_words(address, into);
}

size_t LiveTraceeMemory::peek_words(uint64_t address, std::span<std::byte> into) const {
    constexpr uint64_t kWord = sizeof(long);
    size_t done = 0;
    while (done < into.size()) {
        const uint64_t at = address + done;
        if (at < address) break;  // the range wrapped past the top of the address space
        const uint64_t word_start = at & ~(kWord - 1);
        errno = 0;  // PEEKDATA returns the word itself: -1 is only an error with errno set
        const long word = ptrace(PTRACE_PEEKDATA, tid_, reinterpret_cast<void*>(word_start), nullptr);
        if (word == -1 && errno != 0) break;
        const size_t skip = at - word_start;
        const size_t take = std::min<size_t>(kWord - skip, into.size() - done);
        std::memcpy(into.data() + done, reinterpret_cast<const std::byte*>(&word) + skip, take);
        done += take;
    }
    return done;
}

std::unique_ptr<TraceeMemory> live_tracee_memory(int tid) { return std::make_unique<LiveTraceeMemory>(tid); }

}  // namespace netlens::trace
