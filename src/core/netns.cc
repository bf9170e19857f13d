#include "core/netns.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <climits>
#include <cerrno>
#include <map>

#include "core/capabilities.h"
#include "core/decimal.h"
#include "core/file_descriptor.h"

namespace netlens {

namespace {

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) return names;
    while (const dirent* entry = readdir(d)) {
        std::string name = entry->d_name;
        if (name != "." && name != "..") names.push_back(std::move(name));
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

bool is_current_netns(const std::string& path) {
    struct stat target {};
    struct stat own {};
    return stat(path.c_str(), &target) == 0 && stat("/proc/thread-self/ns/net", &own) == 0 && same_file(target, own);
}

}  // namespace

Result<NetnsTarget> parse_netns_target(const std::string& value) {
    if (value.empty()) return Error{ExitCode::usage, "--netns: empty namespace name"};
    if (value.rfind("pid:", 0) == 0) {
        const std::string pid = value.substr(4);
        if (!parse_decimal(pid, INT_MAX)) return Error{ExitCode::usage, "--netns " + value + ": pid is not a number"};
        return NetnsTarget{value, "/proc/" + pid + "/ns/net"};
    }
    if (value.front() == '/') return NetnsTarget{value, value};
    if (value.find('/') != std::string::npos || value == "." || value == "..") {
        return Error{ExitCode::usage, "--netns " + value + ": not a namespace name"};
    }
    return NetnsTarget{value, "/run/netns/" + value};
}

Result<NetnsSwitch> NetnsSwitch::enter(const NetnsTarget& target) {
    FileDescriptor target_fd(open(target.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!target_fd.valid()) {
        const int err = errno;
        const ExitCode code = err == EACCES || err == EPERM ? ExitCode::permission : ExitCode::usage;
        const std::string why = err == ENOENT && target.path.rfind("/run/netns/", 0) == 0
                                    ? "no such network namespace (" + target.path + " does not exist)"
                                    : "cannot open " + target.path + ": " + errno_text(err);
        return Error{code, "--netns " + target.label + ": " + why};
    }
    // A regular file or another kind of namespace would only fail later, in setns, as
    // an unclear runtime error; it is a wrong value on the command line.
    const int type = ioctl(target_fd.get(), NS_GET_NSTYPE);
    if (type != CLONE_NEWNET) {
        const std::string what = type < 0 ? "not a namespace file" : "a namespace, but not a network namespace";
        return Error{ExitCode::usage, "--netns " + target.label + ": " + target.path + " is " + what};
    }
    FileDescriptor home_fd(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!home_fd.valid()) {
        return Error{ExitCode::failure, "cannot open own network namespace: " + errno_text(errno)};
    }
    if (setns(target_fd.get(), CLONE_NEWNET) != 0) {
        const int err = errno;
        const ExitCode code = err == EPERM ? ExitCode::permission : ExitCode::failure;
        const std::string hint = err == EPERM ? " (" + needs(Capability::sys_admin) + ")" : "";
        return Error{code, "--netns " + target.label + ": cannot enter: " + errno_text(err) + hint};
    }
    return NetnsSwitch(std::move(home_fd));
}

NetnsSwitch::~NetnsSwitch() {
    // Going home cannot reasonably fail: we opened the fd while we were there.
    if (home_fd_.valid()) (void)setns(home_fd_.get(), CLONE_NEWNET);
}

std::vector<NetnsInfo> enumerate_netns(const std::string& run_dir, const std::string& proc_dir) {
    std::map<std::pair<dev_t, ino_t>, NetnsInfo> by_inode;
    auto note = [&](const std::string& path) -> NetnsInfo* {
        struct stat st {};
        if (stat(path.c_str(), &st) != 0) return nullptr;
        auto& info = by_inode[{st.st_dev, st.st_ino}];
        if (info.path.empty()) {
            info.path = path;
            info.device = st.st_dev;
            info.inode = st.st_ino;
        }
        return &info;
    };

    for (const auto& name : list_dir(run_dir)) {
        if (auto* info = note(run_dir + "/" + name)) info->names.push_back(name);
    }
    for (const auto& entry : list_dir(proc_dir)) {
        const auto pid = parse_decimal(entry, INT_MAX);
        if (!pid) continue;
        if (auto* info = note(proc_dir + "/" + entry + "/ns/net")) info->pids.push_back(static_cast<pid_t>(*pid));
    }
    struct stat self {};
    const bool have_self = stat((proc_dir + "/self/ns/net").c_str(), &self) == 0;
    if (have_self) note(proc_dir + "/self/ns/net");

    std::vector<NetnsInfo> result;
    for (auto& [key, info] : by_inode) {
        std::sort(info.pids.begin(), info.pids.end());
        info.current = have_self && key.first == self.st_dev && key.second == self.st_ino;
        if (!info.names.empty()) {
            info.label = info.names.front();
        } else if (!info.pids.empty()) {
            info.label = "pid:" + std::to_string(info.pids.front());
        } else {
            info.label = "inode:" + std::to_string(info.inode);
        }
        result.push_back(std::move(info));
    }
    // The current namespace first, then by label, so output is stable between runs.
    std::sort(result.begin(), result.end(), [](const NetnsInfo& a, const NetnsInfo& b) {
        if (a.current != b.current) return a.current;
        return a.label < b.label;
    });
    return result;
}

std::vector<NetnsTarget> all_netns_targets() {
    std::vector<NetnsTarget> targets;
    for (const auto& info : enumerate_netns()) targets.push_back({info.label, info.path});
    return targets;
}

namespace {

// Enters the target on this thread (unless it is where this thread already is), runs
// fn and comes back.
std::optional<Error> visit_one(size_t index, const NetnsTarget& target,
                               const std::function<void(size_t, const NetnsTarget&)>& fn) {
    // Entering a namespace needs CAP_SYS_ADMIN even when it is our own; staying put
    // lets an unprivileged --all-netns still report the namespace it runs in. A target
    // without a path is a replayed one: there is nothing to enter.
    if (target.path.empty() || is_current_netns(target.path)) {
        fn(index, target);
        return std::nullopt;
    }
    auto entered = NetnsSwitch::enter(target);
    if (!entered) return entered.error();
    fn(index, target);
    return std::nullopt;
}

// Each namespace costs a few kernel round trips, mostly waiting on the kernel, so a
// few more threads than cores keep them busy without crowding small machines.
constexpr size_t kMaxVisitThreads = 8;

}  // namespace

std::vector<std::optional<Error>> visit_netns(const std::vector<NetnsTarget>& targets,
                                              const std::function<void(size_t, const NetnsTarget&)>& fn) {
    std::vector<std::optional<Error>> errors(targets.size());
    if (targets.size() == 1) {
        errors[0] = visit_one(0, targets[0], fn);
        return errors;
    }
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < targets.size(); i = next++) errors[i] = visit_one(i, targets[i], fn);
    };
    const size_t thread_count = std::min(targets.size(), kMaxVisitThreads);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < thread_count; ++t) threads.emplace_back(worker);
    for (auto& thread : threads) thread.join();
    return errors;
}

}  // namespace netlens
