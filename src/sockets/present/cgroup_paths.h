// cgroup v2 ids (INET_DIAG_CGROUP_ID) as paths, the way ss -e and --cgroup print them:
// the path below the cgroup2 mount ("/" for the root, "/system.slice/ssh.service"), or
// "unreachable:ID" in hex when no cgroup of that id is found. The tree under the first
// cgroup2 mount is walked once, on the first lookup, and every directory's id read with
// name_to_handle_at (a cgroup's file handle is its id).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace netlens::sockets {

class CgroupPaths {
public:
    const std::string& path(uint64_t id);

private:
    void load();

    bool loaded_ = false;
    std::unordered_map<uint64_t, std::string> paths_;
};

}  // namespace netlens::sockets
