#include "sockets/owners/owner_walk.h"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <thread>

#include "proc/numeric_name.h"
#include "sockets/owners/process_dirents.h"
#include "sockets/owners/process_fd_scan.h"

namespace netlens::sockets {

namespace {

// Below this many processes a second thread costs more to start than it saves.
constexpr size_t kMinPidsPerThread = 64;

void merge_counts(OwnerScan& into, const OwnerScan& part) {
    into.unreadable_pids.insert(into.unreadable_pids.end(), part.unreadable_pids.begin(), part.unreadable_pids.end());
    into.processes_scanned += part.processes_scanned;
    into.fds_scanned += part.fds_scanned;
}

}  // namespace

OwnerWalk::OwnerWalk(const std::unordered_set<uint64_t>* wanted, const std::string& proc_root,
                     OwnerScanOptions options)
    : wanted_(wanted), options_(options), proc_(open(proc_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (!proc_.valid()) {
        error_ = Error{ExitCode::failure, proc_root + ": cannot open: " + errno_text(errno)};
        return;
    }
    // /proc lists thread-group leaders only, in ascending order, so each process is
    // scanned once, not per thread.
    DirentReader reader;
    const int err = reader.for_each(proc_.get(), [&](std::string_view name) {
        if (const auto pid = proc::parse_numeric_name(name)) pids_.push_back(*pid);
    });
    if (err != 0) {
        error_ = Error{ExitCode::failure, proc_root + ": cannot list: " + errno_text(err)};
        pids_.clear();
    }
}

unsigned OwnerWalk::workers() const {
    if (options_.workers != 0) return options_.workers;
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    return pids_.size() >= 2 * kMinPidsPerThread ? std::min(2U, cores) : 1U;
}

void OwnerWalk::work(Part& part) {
    if (wanted_ != nullptr) part.found.entries.reserve(wanted_->size() / workers());  // mostly one holder each
    ProcessFdScanner scanner(proc_.get(), wanted_, options_.per_thread);
    // One process at a time: a server with 50 k fds is one item, and a shared counter
    // bumped a few thousand times costs nothing next to the fds behind each bump.
    for (;;) {
        const size_t i = next_.fetch_add(1, std::memory_order_relaxed);
        if (i >= pids_.size()) return;
        scanner.scan(pids_[i], part.found, part.counts);
    }
}

OwnerScan OwnerWalk::finish(std::vector<Part>& parts) {
    OwnerScan scan;
    if (error_) {
        scan.error = error_;
        return scan;
    }
    OwnerIndex::Found found;
    for (Part& part : parts) {
        merge_counts(scan, part.counts);
        // The part's command indexes move up past the commands already kept.
        const auto offset = static_cast<uint32_t>(found.commands.size());
        for (OwnerIndex::Entry& entry : part.found.entries) entry.command += offset;
        if (found.entries.empty()) {
            found.entries = std::move(part.found.entries);
        } else {
            found.entries.insert(found.entries.end(), part.found.entries.begin(), part.found.entries.end());
        }
        found.commands.insert(found.commands.end(), std::make_move_iterator(part.found.commands.begin()),
                              std::make_move_iterator(part.found.commands.end()));
    }
    scan.owners = OwnerIndex(std::move(found));
    // Processes finish in any order; sort so output does not depend on thread timing.
    std::sort(scan.unreadable_pids.begin(), scan.unreadable_pids.end());
    return scan;
}

}  // namespace netlens::sockets
