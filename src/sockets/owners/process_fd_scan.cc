// Per fd the scan costs one readlinkat relative to the open /proc/PID/fd directory: the
// kernel formats "socket:[INODE]" from the socket's dentry without touching the file, so a
// descriptor on a hung NFS or FUSE mount cannot block us, and no path is walked from the
// root. Measured per fd (22k fds): fstatat/statx following the link cost the same but do
// touch the file; readlink of "/proc/PID/fd/N" (what ss does) costs ~15% more; reading
// /proc/PID/fdinfo/N costs 2.4 times as much. The link text is parsed in place.
#include "sockets/owners/process_fd_scan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <string_view>

#include "core/file_descriptor.h"
#include "proc/comm.h"
#include "proc/numeric_name.h"
#include "proc/socket_link.h"

namespace netlens::sockets {

namespace {

// A path relative to /proc such as "1234/task/1240/fd", built on the stack.
class ProcPath {
public:
    ProcPath& add(int number) {
        size_ = std::to_chars(text_ + size_, text_ + kCapacity, number).ptr - text_;
        return *this;
    }
    ProcPath& add(std::string_view part) {
        part.copy(text_ + size_, part.size());
        size_ += part.size();
        return *this;
    }
    const char* c_str() {
        text_[size_] = '\0';
        return text_;
    }

private:
    // Two ints and the longest literal part ("/task/", "/comm") fit with room to spare.
    static constexpr size_t kCapacity = 63;
    char text_[kCapacity + 1];
    size_t size_ = 0;
};

// ENOENT and ESRCH mean the process (or the fd) went away while we looked; anything else
// (EACCES without root, EPERM) means we were not allowed to see it.
bool vanished(int err) { return err == ENOENT || err == ESRCH; }

}  // namespace

void ProcessFdScanner::scan(int pid, OwnerIndex::Found& found, OwnerScan& into) {
    if (per_thread_) {
        scan_each_thread(pid, found, into);
        return;
    }
    hits_.clear();
    Walk walk = walk_fds(ProcPath().add(pid).add("/fd").c_str(), into);
    if (walk.status == Status::unreadable || (walk.status == Status::read && walk.entries == 0)) {
        const size_t leader_hits = hits_.size();
        const Walk through_thread = walk_through_threads(pid, into);
        if (through_thread.status == Status::unreadable || through_thread.entries > 0) {
            // The thread's view is the same table: keep only what it found.
            hits_.erase(hits_.begin(), hits_.begin() + static_cast<std::ptrdiff_t>(leader_hits));
            walk = through_thread;
        }
    }
    if (walk.status == Status::gone) return;
    if (walk.status == Status::unreadable) {
        into.unreadable_pids.push_back(pid);
    } else {
        ++into.processes_scanned;
    }
    keep_hits(pid, 0, found);
}

// ss -T reads the leader's table as the thread pid, then each other thread's table as
// itself, and names every holder after its thread. Threads normally share one table, so
// a socket is listed once per thread.
void ProcessFdScanner::scan_each_thread(int pid, OwnerIndex::Found& found, OwnerScan& into) {
    hits_.clear();
    const Walk leader = walk_fds(ProcPath().add(pid).add("/fd").c_str(), into);
    if (leader.status == Status::gone) return;
    if (leader.status == Status::unreadable) {
        into.unreadable_pids.push_back(pid);
        return;
    }
    ++into.processes_scanned;
    if (!keep_hits(pid, pid, found)) return;
    list_other_threads(pid);
    for (const int tid : tids_) {
        hits_.clear();
        const Walk walk = walk_fds(ProcPath().add(pid).add("/task/").add(tid).add("/fd").c_str(), into);
        if (walk.status == Status::read) keep_hits(pid, tid, found);
    }
}

bool ProcessFdScanner::keep_hits(int pid, int tid, OwnerIndex::Found& found) {
    if (hits_.empty()) return true;
    ProcPath comm_path;
    comm_path.add(pid);
    if (tid != 0) comm_path.add("/task/").add(tid);
    const std::optional<std::string> command = read_comm(comm_path.add("/comm").c_str());
    if (!command) return false;  // exited after its fds were read: those sockets are closed now
    const auto command_index = static_cast<uint32_t>(found.commands.size());
    found.commands.push_back(std::move(*command));
    for (const auto& [inode, fd] : hits_) {
        found.entries.push_back({.inode = inode, .pid = pid, .tid = tid, .fd = fd, .command = command_index});
    }
    return true;
}

ProcessFdScanner::Walk ProcessFdScanner::walk_fds(const char* fd_dir, OwnerScan& into) {
    const FileDescriptor dir(openat(proc_fd_, fd_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) return {vanished(errno) ? Status::gone : Status::unreadable};
    Walk walk;
    const int err = reader_.for_each(dir.get(), [&](std::string_view name) {
        const std::optional<int> fd = proc::parse_numeric_name(name);
        if (!fd) return;
        ++walk.entries;
        // The kernel decides per process (a ptrace access check), so after one refusal the
        // rest would be refused too; on a hardened pid 1 that is hundreds of wasted calls.
        if (walk.status == Status::unreadable) return;
        // 64 bytes hold any "socket:[INODE]"; longer targets (paths) are cut and not sockets.
        char target[64];
        const ssize_t length = readlinkat(dir.get(), name.data(), target, sizeof target);
        if (length < 0) {
            // A security module can refuse the link although the directory opened (here pid 1
            // refuses even root); an fd closed since the listing is simply gone.
            if (!vanished(errno)) walk.status = Status::unreadable;
            return;
        }
        const std::optional<uint64_t> inode = proc::parse_socket_link({target, static_cast<size_t>(length)});
        if (inode && (wanted_ == nullptr || wanted_->contains(*inode))) hits_.emplace_back(*inode, *fd);
    });
    into.fds_scanned += walk.entries;
    if (err != 0) walk.status = vanished(err) ? Status::gone : Status::unreadable;
    return walk;
}

// When a process's main thread exits (pthread_exit in main, common in some daemons) the
// process lives on in its other threads, but /proc/PID/fd no longer shows their table: root
// sees it empty (the leader's table was released) and other users get EACCES (a task without
// mm is presented as root's). ss -p misses such holders; we read the table through the first
// live thread instead. procfs gives /proc/PID/task a link count of 2 + threads, so the common
// cases (kernel threads, a daemon that closed everything, another user's single-threaded
// process: one thread, count 3) cost one fstatat.
ProcessFdScanner::Walk ProcessFdScanner::walk_through_threads(int pid, OwnerScan& into) {
    struct stat task_dir {};
    if (fstatat(proc_fd_, ProcPath().add(pid).add("/task").c_str(), &task_dir, 0) != 0 || task_dir.st_nlink == 3) {
        return {};
    }
    list_other_threads(pid);
    for (const int tid : tids_) {
        const Walk walk = walk_fds(ProcPath().add(pid).add("/task/").add(tid).add("/fd").c_str(), into);
        if (walk.status == Status::unreadable || walk.entries > 0) return walk;
    }
    return {};
}

// tids_: the threads of pid other than the leader, in /proc/PID/task order (ss's order).
void ProcessFdScanner::list_other_threads(int pid) {
    tids_.clear();
    const FileDescriptor dir(openat(proc_fd_, ProcPath().add(pid).add("/task").c_str(),
                                    O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) return;
    reader_.for_each(dir.get(), [&](std::string_view name) {
        const std::optional<int> tid = proc::parse_numeric_name(name);
        if (tid && *tid != pid) tids_.push_back(*tid);
    });
}

std::optional<std::string> ProcessFdScanner::read_comm(const char* comm_path) {
    const FileDescriptor file(openat(proc_fd_, comm_path, O_RDONLY | O_CLOEXEC));
    if (!file.valid()) {
        if (vanished(errno)) return std::nullopt;
        return std::string();  // a holder with an unknown name is still a holder
    }
    // Kernel worker names exceed the 15-byte TASK_COMM_LEN; 256 covers every form.
    char text[256];
    const ssize_t length = read(file.get(), text, sizeof text);
    if (length < 0) return vanished(errno) ? std::nullopt : std::optional<std::string>(std::string());
    return std::string(proc::parse_comm({text, static_cast<size_t>(length)}));
}

}  // namespace netlens::sockets
