// The owner scan of every socket (find_all_socket_owners) started on its own threads, so
// that the caller can do other work meanwhile (read the sock_diag dump) and ask for the
// answer only when the first row needs it.
#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sockets/owners/owner_walk.h"
#include "sockets/owners/process_owners.h"

namespace netlens::sockets {

class BackgroundOwnerScan {
public:
    // Starts the walk of proc_root on the walk's usual number of threads.
    BackgroundOwnerScan(const std::string& proc_root, OwnerScanOptions options);
    // A scan nobody waited for is stopped: what no thread has started is skipped.
    ~BackgroundOwnerScan();
    BackgroundOwnerScan(const BackgroundOwnerScan&) = delete;
    BackgroundOwnerScan& operator=(const BackgroundOwnerScan&) = delete;

    // The answer. The first caller works on the walk itself until nothing is left, then
    // waits for the other threads; later callers (any thread) wait for the first.
    const OwnerScan& result();

private:
    OwnerWalk walk_;
    std::vector<OwnerWalk::Part> parts_;  // one per thread, the last for the first caller
    std::vector<std::jthread> threads_;
    std::once_flag finished_;
    OwnerScan scan_;
};

}  // namespace netlens::sockets
