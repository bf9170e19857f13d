// Reading a stopped tracee's memory. process_vm_readv copies a whole range in one call;
// where it is refused (EPERM under some LSMs, ENOSYS on old kernels) PTRACE_PEEKDATA
// reads it a word at a time, which works whenever the task is in a ptrace-stop.
#pragma once

#include "trace/trace_model.h"

namespace netlens::trace {

class LiveTraceeMemory final : public TraceeMemory {
public:
    explicit LiveTraceeMemory(int tid = 0) : tid_(tid) {}
    // The engine keeps one reader and points it at the task of each stop, so that a stop
    // allocates nothing.
    void set_tid(int tid) { tid_ = tid; }
    size_t read(uint64_t address, std::span<std::byte> into) override;

private:
    size_t peek_words(uint64_t address, std::span<std::byte> into) const;

    int tid_ = 0;
    bool vm_readv_refused_ = false;  // remembered so a refused call is not retried per read
};

}  // namespace netlens::trace
