// The /proc walk behind every owner scan: the pids of /proc listed once, then taken one at
// a time by any number of threads (a few processes hold most fds on a busy host, so
// fixed halves would leave one thread idle), each appending the holders it finds to its
// own part; the parts are joined once at the end.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "core/file_descriptor.h"
#include "sockets/owners/process_owners.h"

namespace netlens::sockets {

class OwnerWalk {
public:
    // What one thread found.
    struct Part {
        OwnerScan counts;
        OwnerIndex::Found found;
    };

    // Opens proc_root and lists its processes; wanted == nullptr asks for every socket and
    // must otherwise outlive the walk. When /proc cannot be read, error() says why and the
    // walk has nothing to do.
    OwnerWalk(const std::unordered_set<uint64_t>* wanted, const std::string& proc_root, OwnerScanOptions options);

    const std::optional<Error>& error() const { return error_; }
    // Threads worth running: options.workers when set, else two when there is enough to split.
    unsigned workers() const;
    // Scans processes on the calling thread until none are left. Threads may run it at
    // the same time, each with a part of its own.
    void work(Part& part);
    // The processes nobody has taken yet are left alone.
    void stop() { next_.store(pids_.size(), std::memory_order_relaxed); }
    // Joins the parts, after every work() has returned.
    OwnerScan finish(std::vector<Part>& parts);

private:
    const std::unordered_set<uint64_t>* wanted_;
    OwnerScanOptions options_;
    FileDescriptor proc_;
    std::optional<Error> error_;
    std::vector<int> pids_;
    std::atomic<size_t> next_{0};
};

}  // namespace netlens::sockets
