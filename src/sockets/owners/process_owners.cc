// find_socket_owners: one or two threads share an OwnerWalk; its parts are joined and
// sorted by inode once at the end.
#include "sockets/owners/process_owners.h"

#include <algorithm>
#include <thread>

#include "sockets/owners/owner_walk.h"

namespace netlens::sockets {

namespace {

// wanted == nullptr: every socket.
OwnerScan scan_owners(const std::unordered_set<uint64_t>* wanted, const std::string& proc_root,
                      const OwnerScanOptions& options) {
    OwnerWalk walk(wanted, proc_root, options);
    std::vector<OwnerWalk::Part> parts(walk.workers());
    {
        std::vector<std::jthread> helpers;
        for (size_t i = 1; i < parts.size(); ++i) helpers.emplace_back([&walk, &part = parts[i]] { walk.work(part); });
        walk.work(parts[0]);
    }  // the jthreads join here
    return walk.finish(parts);
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
