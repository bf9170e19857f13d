// Reads one process's descriptor table through /proc and records which of its fds are
// sockets the caller asked about (or every socket). One scanner per thread: it owns the
// buffers that are reused for every process, so scanning allocates only for the holders
// it finds.
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
    // proc_fd is an open /proc (or a fake tree laid out like it); wanted == nullptr asks
    // for every socket. Both must outlive the scanner. per_thread: ss -T.
    ProcessFdScanner(int proc_fd, const std::unordered_set<uint64_t>* wanted, bool per_thread)
        : proc_fd_(proc_fd), wanted_(wanted), per_thread_(per_thread) {}

    // Scans process pid: appends its holders to `found` in the order ss finds them, and
    // adds to the counters of `into` or its pid to unreadable_pids. A process that has
    // exited leaves no trace.
    void scan(int pid, OwnerIndex::Found& found, OwnerScan& into);

private:
    enum class Status { read, gone, unreadable };
    struct Walk {
        Status status = Status::read;
        size_t entries = 0;
    };

    Walk walk_fds(const char* fd_dir, OwnerScan& into);
    Walk walk_through_threads(int pid, OwnerScan& into);
    void list_other_threads(int pid);
    void scan_each_thread(int pid, OwnerIndex::Found& found, OwnerScan& into);
    // Appends hits_ as holders named after the task's comm; false when the task is gone.
    bool keep_hits(int pid, int tid, OwnerIndex::Found& found);
    std::optional<std::string> read_comm(const char* comm_path);

    int proc_fd_;
    const std::unordered_set<uint64_t>* wanted_;
    bool per_thread_;
    DirentReader reader_;
    std::vector<std::pair<uint64_t, int>> hits_;  // (inode, fd) in the current task
    std::vector<int> tids_;
};

}  // namespace netlens::sockets
