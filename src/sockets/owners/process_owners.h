// Which processes hold a socket (ss -p). The kernel keeps no socket -> process index that
// userspace can read: sock_diag reports a socket's inode and creator uid, never a pid. So
// the only complete answer is the one ss uses, every /proc/PID/fd link read and matched on
// "socket:[INODE]". What makes it cheaper than ss: directories are read with getdents64
// into reused buffers, links are read relative to an open fd directory, comm is read only
// for processes that hold a wanted socket, the process list is shared between two
// threads, and the answer is one sorted array instead of a node per socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "sockets/model.h"

namespace netlens::sockets {

// Socket inode -> holders, as one array sorted by inode: a table of 100 k sockets costs
// two allocations, not a hash node and a vector per socket.
class OwnerIndex {
public:
    // One holder as the scan finds it. It carries no name, only the index of its task's
    // comm in `Found::commands`: 100 k of these are grown, merged and sorted, and a small
    // plain record keeps that cheap (fresh pages were a fifth of a -p run).
    struct Entry {
        uint64_t inode = 0;
        int pid = 0;
        int tid = 0;  // -T only
        int fd = 0;
        uint32_t command = 0;
    };
    struct Found {
        std::vector<Entry> entries;
        std::vector<std::string> commands;  // one per task that holds a socket
    };

    // Builds the index from holders in the order they were found. Each socket's holders
    // keep that order within a process and are otherwise ordered by pid.
    OwnerIndex() = default;
    explicit OwnerIndex(Found found);

    // The holders of a socket; empty when nobody holds it (or it was not looked for). A
    // socket shared after fork() or passed over SCM_RIGHTS lists every process that holds
    // it; without -T, threads are not holders.
    std::span<const ProcessRef> holders(uint64_t inode) const;
    size_t sockets() const { return sockets_; }  // distinct inodes with a holder
    bool empty() const { return inodes_.empty(); }

private:
    std::vector<uint64_t> inodes_;      // sorted, one per holder
    std::vector<ProcessRef> holders_;   // parallel to inodes_
    size_t sockets_ = 0;
};

struct OwnerScan {
    OwnerIndex owners;
    // Processes whose fds we could not read (EACCES without root): their sockets may be
    // missing from `owners`, so callers report them rather than imply "no owner". Ascending.
    std::vector<int> unreadable_pids;
    size_t processes_scanned = 0;  // fd directories read
    size_t fds_scanned = 0;        // fds listed in those directories
    std::optional<Error> error;    // set when proc_root itself could not be read
};

struct OwnerScanOptions {
    // Threads that share the process list; 0 picks (two when there is enough to split).
    unsigned workers = 0;
    // ss -T: every thread of a process is a holder of its own (tid and the thread's comm),
    // as ss lists them: the leader first, then the other threads in /proc/PID/task order.
    bool per_thread = false;
};

// Finds which processes hold the given socket inodes, and only those. A process that exits
// during the scan is passed over silently.
OwnerScan find_socket_owners(const std::unordered_set<uint64_t>& wanted,
                             const std::string& proc_root = "/proc",
                             const OwnerScanOptions& options = {});

// The same for every socket any process holds: for a table streamed from the dump,
// whose inodes are not known before the scan.
OwnerScan find_all_socket_owners(const std::string& proc_root = "/proc", const OwnerScanOptions& options = {});

// Adds what the scan could not do to `diagnosis`: a failed /proc walk, or the processes
// whose sockets show no owner because their fds could not be read.
void note_scan_gaps(const OwnerScan& scan, Diagnosis& diagnosis);

}  // namespace netlens::sockets
