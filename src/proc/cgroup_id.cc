#include "proc/cgroup_id.h"

#include <fcntl.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace netlens::proc {

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

uint64_t cgroup_id_of(int directory, const char* path) {
    // file_handle ends in a flexible array: room for the 8 bytes after it.
    alignas(file_handle) unsigned char storage[sizeof(file_handle) + sizeof(uint64_t)] = {};
    auto* handle = reinterpret_cast<file_handle*>(storage);
    handle->handle_bytes = sizeof(uint64_t);
    int mount_id = 0;
    if (name_to_handle_at(directory, path, handle, &mount_id, 0) != 0) return 0;
    if (handle->handle_bytes != sizeof(uint64_t)) return 0;
    uint64_t id = 0;
    std::memcpy(&id, storage + sizeof(file_handle), sizeof(id));
    return id;
}

}  // namespace netlens::proc
