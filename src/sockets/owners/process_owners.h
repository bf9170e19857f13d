// Which processes hold a socket (ss -p). The kernel keeps no socket -> process index that
// userspace can read: sock_diag reports a socket's inode and creator uid, never a pid. So
// the only complete answer is the one ss uses, every /proc/PID/fd link read and matched on
// "socket:[INODE]". What makes it cheaper than ss: only the sockets that survived the
// filter are looked up, directories are read with getdents64 into reused buffers, links
// are read relative to an open fd directory, comm is read only for processes that hold a
// wanted socket, and the process list is shared between two threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "sockets/model.h"

namespace netlens::sockets {

struct OwnerScan {
    // socket inode -> holders, ordered by pid then fd. A socket shared after fork() or
    // passed over SCM_RIGHTS lists every process that holds it; threads are not holders.
    std::unordered_map<uint64_t, std::vector<ProcessRef>> owners;
    // Processes whose fds we could not read (EACCES without root): their sockets may be
    // missing from `owners`, so callers report them rather than imply "no owner". Ascending.
    std::vector<int> unreadable_pids;
    size_t processes_scanned = 0;  // fd directories read
    size_t fds_scanned = 0;        // fds listed in those directories
    std::optional<Error> error;    // set when proc_root itself could not be read
};

struct OwnerScanOptions {
    // Threads that share the process list; 0 picks (two when there is enough to split).
    unsigned threads = 0;
};

// Finds which processes hold the given socket inodes, and only those. A process that exits
// during the scan is passed over silently.
OwnerScan find_socket_owners(const std::unordered_set<uint64_t>& wanted,
                             const std::string& proc_root = "/proc",
                             const OwnerScanOptions& options = {});

}  // namespace netlens::sockets
