// Reads one process's descriptor table through /proc and records which of its fds are
// sockets the caller asked about. One scanner per thread: it owns the buffers that are
// reused for every process, so scanning allocates only for the holders it finds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sockets/owners/process_dirents.h"
#include "sockets/owners/process_owners.h"

namespace netlens::sockets {

class ProcessFdScanner {
public:
    // proc_fd is an open /proc (or a fake tree laid out like it); both arguments must
    // outlive the scanner.
    ProcessFdScanner(int proc_fd, const std::unordered_set<uint64_t>& wanted)
        : proc_fd_(proc_fd), wanted_(wanted) {}

    // Scans process pid and adds to `into`: its holders, its counters, or its pid to
    // unreadable_pids. A process that has exited leaves no trace.
    void scan(int pid, OwnerScan& into);

private:
    enum class Status { read, gone, unreadable };
    struct Walk {
        Status status = Status::read;
        size_t entries = 0;
    };

    Walk walk_fds(const char* fd_dir, OwnerScan& into);
    Walk walk_through_threads(int pid, OwnerScan& into);
    std::optional<std::string> read_comm(int pid);

    int proc_fd_;
    const std::unordered_set<uint64_t>& wanted_;
    DirentReader reader_;
    std::vector<std::pair<uint64_t, int>> hits_;  // (inode, fd) in the current process
    std::vector<int> tids_;
};

}  // namespace netlens::sockets
