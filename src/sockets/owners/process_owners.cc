// find_socket_owners: list the pids in /proc once, then let one or two scanners take
// chunks of that list (a few processes hold most fds on a busy host, so fixed halves would
// leave one thread idle), each appending the holders it finds to its own array; the
// arrays are joined and sorted by inode once at the end.
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

unsigned pick_workers(const OwnerScanOptions& options, size_t pids) {
    if (options.workers != 0) return options.workers;
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    return pids >= 2 * kMinPidsPerThread ? std::min(2U, cores) : 1U;
}

struct Part {
    OwnerScan counts;
    OwnerIndex::Found found;
};

void merge_counts(OwnerScan& into, const OwnerScan& part) {
    into.unreadable_pids.insert(into.unreadable_pids.end(), part.unreadable_pids.begin(), part.unreadable_pids.end());
    into.processes_scanned += part.processes_scanned;
    into.fds_scanned += part.fds_scanned;
}

// wanted == nullptr: every socket.
OwnerScan scan_owners(const std::unordered_set<uint64_t>* wanted, const std::string& proc_root,
                      const OwnerScanOptions& options) {
    OwnerScan scan;
    const FileDescriptor proc(open(proc_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!proc.valid()) {
        scan.error = Error{ExitCode::failure, proc_root + ": cannot open: " + errno_text(errno)};
        return scan;
    }
    // /proc lists thread-group leaders only, in ascending order, so each process is
    // scanned once, not per thread.
    std::vector<int> pids;
    DirentReader reader;
    const int err = reader.for_each(proc.get(), [&](std::string_view name) {
        if (const auto pid = proc::parse_numeric_name(name)) pids.push_back(*pid);
    });
    if (err != 0) {
        scan.error = Error{ExitCode::failure, proc_root + ": cannot list: " + errno_text(err)};
        return scan;
    }

    const unsigned workers = pick_workers(options, pids.size());
    std::atomic<size_t> next{0};
    auto work = [&](Part& part) {
        if (wanted != nullptr) part.found.entries.reserve(wanted->size() / workers);  // mostly one holder each
        ProcessFdScanner scanner(proc.get(), wanted, options.per_thread);
        for (;;) {
            const size_t begin = next.fetch_add(kChunk, std::memory_order_relaxed);
            if (begin >= pids.size()) return;
            const size_t end = std::min(begin + kChunk, pids.size());
            for (size_t i = begin; i < end; ++i) scanner.scan(pids[i], part.found, part.counts);
        }
    };
    std::vector<Part> parts(workers);
    {
        std::vector<std::jthread> helpers;
        for (size_t i = 1; i < parts.size(); ++i) helpers.emplace_back(work, std::ref(parts[i]));
        work(parts[0]);
    }  // the jthreads join here
    OwnerIndex::Found found = std::move(parts[0].found);
    for (Part& part : parts) {
        merge_counts(scan, part.counts);
        if (&part == &parts[0]) continue;
        // The part's command indexes move up past the commands already kept.
        const auto offset = static_cast<uint32_t>(found.commands.size());
        for (OwnerIndex::Entry& entry : part.found.entries) entry.command += offset;
        found.entries.insert(found.entries.end(), part.found.entries.begin(), part.found.entries.end());
        found.commands.insert(found.commands.end(), std::make_move_iterator(part.found.commands.begin()),
                              std::make_move_iterator(part.found.commands.end()));
    }
    scan.owners = OwnerIndex(std::move(found));
    // Chunks finish in any order; sort so output does not depend on thread timing.
    std::sort(scan.unreadable_pids.begin(), scan.unreadable_pids.end());
    return scan;
}

}  // namespace

OwnerIndex::OwnerIndex(Found found) {
    std::vector<Entry>& entries = found.entries;
    // Stable: a process's holders stay in the order its tables were read (leader, threads,
    // fds), which is ss's order; chunks of pids finish in any order, so pid decides next.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.inode != b.inode ? a.inode < b.inode : a.pid < b.pid;
    });
    inodes_.reserve(entries.size());
    holders_.reserve(entries.size());
    for (const Entry& entry : entries) {
        if (inodes_.empty() || inodes_.back() != entry.inode) ++sockets_;
        inodes_.push_back(entry.inode);
        holders_.push_back({.pid = entry.pid, .fd = entry.fd, .command = found.commands[entry.command], .tid = entry.tid});
    }
}

std::span<const ProcessRef> OwnerIndex::holders(uint64_t inode) const {
    const auto [first, last] = std::equal_range(inodes_.begin(), inodes_.end(), inode);
    return {holders_.data() + (first - inodes_.begin()), static_cast<size_t>(last - first)};
}

OwnerScan find_socket_owners(const std::unordered_set<uint64_t>& wanted, const std::string& proc_root,
                             const OwnerScanOptions& options) {
    if (wanted.empty()) return {};  // nothing survived the filter: skip the walk entirely
    return scan_owners(&wanted, proc_root, options);
}

OwnerScan find_all_socket_owners(const std::string& proc_root, const OwnerScanOptions& options) {
    return scan_owners(nullptr, proc_root, options);
}

void note_scan_gaps(const OwnerScan& scan, Diagnosis& diagnosis) {
    if (scan.error) {
        diagnosis.skip("process attribution", scan.error->message);
        return;
    }
    if (scan.unreadable_pids.empty()) return;
    std::string pids;
    for (size_t i = 0; i < std::min<size_t>(scan.unreadable_pids.size(), 10); ++i) {
        pids += (pids.empty() ? "" : " ") + std::to_string(scan.unreadable_pids[i]);
    }
    if (scan.unreadable_pids.size() > 10) pids += " ...";
    diagnosis.skip("process attribution", std::to_string(scan.unreadable_pids.size()) +
                                              " processes could not be read, their sockets show no owner (needs "
                                              "root or CAP_SYS_PTRACE): pids " + pids);
}

}  // namespace netlens::sockets
