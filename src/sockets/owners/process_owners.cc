// find_socket_owners: list the pids in /proc once, then let one or two scanners take
// chunks of that list (a few processes hold most fds on a busy host, so fixed halves would
// leave one thread idle), each filling its own OwnerScan; the parts are merged at the end.
#include "sockets/owners/process_owners.h"

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>

#include "core/file_descriptor.h"
#include "proc/numeric_name.h"
#include "sockets/owners/process_dirents.h"
#include "sockets/owners/process_fd_scan.h"

namespace netlens::sockets {

namespace {

// Small enough to balance, large enough that the shared counter is not contended.
constexpr size_t kChunk = 8;
// Below this many processes a second thread costs more to start than it saves.
constexpr size_t kMinPidsPerThread = 64;

unsigned pick_threads(const OwnerScanOptions& options, size_t pids) {
    if (options.threads != 0) return options.threads;
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    return pids >= 2 * kMinPidsPerThread ? std::min(2U, cores) : 1U;
}

void merge(OwnerScan& into, OwnerScan&& part) {
    for (auto& [inode, holders] : part.owners) {
        auto& target = into.owners[inode];
        target.insert(target.end(), std::make_move_iterator(holders.begin()),
                      std::make_move_iterator(holders.end()));
    }
    into.unreadable_pids.insert(into.unreadable_pids.end(), part.unreadable_pids.begin(),
                                part.unreadable_pids.end());
    into.processes_scanned += part.processes_scanned;
    into.fds_scanned += part.fds_scanned;
}

}  // namespace

OwnerScan find_socket_owners(const std::unordered_set<uint64_t>& wanted, const std::string& proc_root,
                             const OwnerScanOptions& options) {
    OwnerScan scan;
    if (wanted.empty()) return scan;  // nothing survived the filter: skip the walk entirely

    const FileDescriptor proc(open(proc_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!proc.valid()) {
        scan.error = Error{ExitCode::failure, proc_root + ": cannot open: " + errno_text(errno)};
        return scan;
    }
    // /proc lists thread-group leaders only, so each process is scanned once, not per thread.
    std::vector<int> pids;
    DirentReader reader;
    const int err = reader.for_each(proc.get(), [&](std::string_view name) {
        if (const auto pid = proc::parse_numeric_name(name)) pids.push_back(*pid);
    });
    if (err != 0) {
        scan.error = Error{ExitCode::failure, proc_root + ": cannot list: " + errno_text(err)};
        return scan;
    }

    const unsigned threads = pick_threads(options, pids.size());
    std::atomic<size_t> next{0};
    auto work = [&](OwnerScan& part) {
        part.owners.reserve(wanted.size() / threads);  // most wanted sockets have one holder
        ProcessFdScanner scanner(proc.get(), wanted);
        for (;;) {
            const size_t begin = next.fetch_add(kChunk, std::memory_order_relaxed);
            if (begin >= pids.size()) return;
            const size_t end = std::min(begin + kChunk, pids.size());
            for (size_t i = begin; i < end; ++i) scanner.scan(pids[i], part);
        }
    };
    std::vector<OwnerScan> parts(threads - 1);
    {
        std::vector<std::jthread> helpers;
        for (OwnerScan& part : parts) helpers.emplace_back(work, std::ref(part));
        work(scan);
    }  // the jthreads join here
    for (OwnerScan& part : parts) merge(scan, std::move(part));

    // Chunks finish in any order; sort so output does not depend on thread timing.
    for (auto& [inode, holders] : scan.owners) {
        std::sort(holders.begin(), holders.end(),
                  [](const ProcessRef& a, const ProcessRef& b) { return std::pair(a.pid, a.fd) < std::pair(b.pid, b.fd); });
    }
    std::sort(scan.unreadable_pids.begin(), scan.unreadable_pids.end());
    return scan;
}

}  // namespace netlens::sockets
