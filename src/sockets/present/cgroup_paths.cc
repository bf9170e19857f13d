#include "sockets/present/cgroup_paths.h"

#include <fcntl.h>

#include <cstdio>
#include <filesystem>

#include "proc/cgroup_id.h"

namespace netlens::sockets {

void CgroupPaths::load() {
    loaded_ = true;
    const std::string mount = proc::cgroup2_mount();
    if (mount.empty()) return;
    namespace fs = std::filesystem;
    if (const uint64_t root = proc::cgroup_id_of(AT_FDCWD, mount.c_str())) paths_.emplace(root, "/");
    std::error_code error;
    fs::recursive_directory_iterator walk(mount, fs::directory_options::skip_permission_denied, error);
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
        if (walk->is_symlink(error) || !walk->is_directory(error)) continue;
        const std::string path = walk->path().string();
        if (const uint64_t id = proc::cgroup_id_of(AT_FDCWD, path.c_str())) paths_.emplace(id, path.substr(mount.size()));
    }
}

const std::string& CgroupPaths::path(uint64_t id) {
    if (!loaded_) load();
    auto [found, added] = paths_.try_emplace(id);
    if (added) {
        char text[40];
        std::snprintf(text, sizeof(text), "unreachable:%llx", static_cast<unsigned long long>(id));
        found->second = text;
    }
    return found->second;
}

}  // namespace netlens::sockets
