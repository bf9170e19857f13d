// Network namespaces: enter one and come back (RAII), and list every namespace on the
// host. setns(2) switches only the calling thread, and netlink sockets stay bound to
// the namespace they were opened in, so a command opens its sockets inside the switch.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/file_descriptor.h"

namespace netlens {

// Where --netns points: "NAME" (/run/netns/NAME), "pid:PID" (/proc/PID/ns/net), or an
// absolute path to a namespace file.
struct NetnsTarget {
    std::string label;  // how rows are labelled: the name, or "pid:PID"
    std::string path;   // the file to open
};

// Parses the --netns value; a usage error names the value when it is malformed.
Result<NetnsTarget> parse_netns_target(const std::string& value);

// Holds the caller in another namespace until destroyed, then returns it home.
class NetnsSwitch {
public:
    static Result<NetnsSwitch> enter(const NetnsTarget& target);
    NetnsSwitch(NetnsSwitch&& other) noexcept = default;
    NetnsSwitch& operator=(NetnsSwitch&&) = delete;
    ~NetnsSwitch();

private:
    explicit NetnsSwitch(FileDescriptor home_fd) : home_fd_(std::move(home_fd)) {}
    FileDescriptor home_fd_;  // the namespace to return to
};

struct NetnsInfo {
    std::string label;  // name when one exists in /run/netns, otherwise "pid:LOWEST_PID"
    std::string path;   // a file that opens it
    dev_t device = 0;
    ino_t inode = 0;
    bool current = false;  // the namespace this process runs in
    std::vector<std::string> names;  // every /run/netns name bound to it
    std::vector<pid_t> pids;         // processes inside, in ascending order
};

// Every namespace reachable from /run/netns and /proc/*/ns/net, deduplicated by inode.
// Processes we may not inspect are passed over; the current namespace is always listed.
std::vector<NetnsInfo> enumerate_netns(const std::string& run_dir = "/run/netns",
                                       const std::string& proc_dir = "/proc");

// Runs fn(index, target) once inside each target namespace. With one target it runs
// on the calling thread; with several, on a few worker threads at once, each of which
// enters its namespace (setns switches only the calling thread) and returns home after.
// The result has one entry per target, in order: an error when the namespace could
// not be entered (fn did not run), nothing otherwise.
std::vector<std::optional<Error>> visit_netns(const std::vector<NetnsTarget>& targets,
                                              const std::function<void(size_t, const NetnsTarget&)>& fn);

// The targets --all-netns covers: one per namespace from enumerate_netns().
std::vector<NetnsTarget> all_netns_targets();

}  // namespace netlens
