// cgroup v2 ids as the kernel reports them (INET_DIAG_CGROUP_ID): a cgroup2 directory's
// id is its 8-byte file handle, read with name_to_handle_at.
#pragma once

#include <cstdint>
#include <string>

namespace netlens::proc {

// The first cgroup2 mount point in /proc/mounts, or "" when there is none.
std::string cgroup2_mount();

// The id of the cgroup directory `path` (relative to `directory`, or AT_FDCWD);
// 0 when it has none.
uint64_t cgroup_id_of(int directory, const char* path);

}  // namespace netlens::proc
