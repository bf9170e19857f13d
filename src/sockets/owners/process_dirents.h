// Lists a directory with raw getdents64 into one buffer that lives as long as the reader.
// Process attribution lists /proc and then /proc/PID/fd for every process; readdir(3)
// would allocate a DIR and its buffer for each of those directories, and std::filesystem
// a path per entry. Here the only cost per entry is the kernel's.
#pragma once

#include <dirent.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

namespace netlens::sockets {

class DirentReader {
public:
    // 64 KiB holds about 2,000 /proc/PID/fd entries per system call.
    explicit DirentReader(size_t buffer_size = 64 * 1024) : buffer_(buffer_size) {}

    // Calls fn(name) for each entry of the open directory dir_fd except "." and "..".
    // name.data() is NUL-terminated, so it can go straight to openat/readlinkat.
    // Returns 0, or the errno of the getdents64 call that failed.
    template <typename Fn>
    int for_each(int dir_fd, Fn&& fn) {
        for (;;) {
            const ssize_t filled = getdents64(dir_fd, buffer_.data(), buffer_.size());
            if (filled < 0) return errno;
            if (filled == 0) return 0;
            for (ssize_t offset = 0; offset < filled;) {
                const auto* entry = reinterpret_cast<const dirent64*>(buffer_.data() + offset);
                offset += entry->d_reclen;
                const std::string_view name(entry->d_name, std::strlen(entry->d_name));
                if (name == "." || name == "..") continue;
                fn(name);
            }
        }
    }

private:
    // operator new aligns to 16 bytes, which the kernel's 8-byte aligned records need.
    std::vector<char> buffer_;
};

}  // namespace netlens::sockets
