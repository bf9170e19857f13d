#include "sockets/present/cgroup_paths.h"

#include <fcntl.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace netlens::sockets {

namespace {

// The first cgroup2 mount point in /proc/mounts, or "" when there is none.
std::string cgroup2_mount() {
    std::ifstream mounts("/proc/mounts");
    std::string line;
    while (std::getline(mounts, line)) {
        std::istringstream fields(line);
        std::string device, point, type;
        if (fields >> device >> point >> type && type == "cgroup2") return point;
    }
    return "";
}

// name_to_handle_at gives a cgroup2 directory's id as an 8-byte handle.
uint64_t cgroup_id_of(const char* path) {
    // file_handle ends in a flexible array: room for the 8 bytes after it.
    alignas(file_handle) unsigned char storage[sizeof(file_handle) + sizeof(uint64_t)] = {};
    auto* handle = reinterpret_cast<file_handle*>(storage);
    handle->handle_bytes = sizeof(uint64_t);
    int mount_id = 0;
    if (name_to_handle_at(AT_FDCWD, path, handle, &mount_id, 0) != 0) return 0;
    if (handle->handle_bytes != sizeof(uint64_t)) return 0;
    uint64_t id = 0;
    std::memcpy(&id, storage + sizeof(file_handle), sizeof(id));
    return id;
}

}  // namespace

void CgroupPaths::load() {
    loaded_ = true;
    const std::string mount = cgroup2_mount();
    if (mount.empty()) return;
    namespace fs = std::filesystem;
    if (const uint64_t root = cgroup_id_of(mount.c_str())) paths_.emplace(root, "/");
    std::error_code error;
    fs::recursive_directory_iterator walk(mount, fs::directory_options::skip_permission_denied, error);
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
        if (walk->is_symlink(error) || !walk->is_directory(error)) continue;
        const std::string path = walk->path().string();
        if (const uint64_t id = cgroup_id_of(path.c_str())) paths_.emplace(id, path.substr(mount.size()));
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
