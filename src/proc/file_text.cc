#include "proc/file_text.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

#include "core/file_descriptor.h"

namespace netlens::proc {

namespace {

// One page: what seq_file produces per read for most /proc/net files.
constexpr size_t kChunk = 4096;

FileText read_directory_names(const std::string& path) {
    const std::unique_ptr<DIR, int (*)(DIR*)> directory(opendir(path.c_str()), closedir);
    if (!directory) return {{}, errno};
    std::vector<std::string> names;
    while (true) {
        errno = 0;  // readdir tells an error from the end only through errno
        const dirent* entry = readdir(directory.get());
        if (entry == nullptr) break;
        const std::string name = entry->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    if (errno != 0) return {{}, errno};
    std::sort(names.begin(), names.end());
    FileText result;
    for (const auto& name : names) result.text += name + "\n";
    return result;
}

}  // namespace

FileText read_file_text(const std::string& path) {
    if (!path.empty() && path.back() == '/') return read_directory_names(path);
    const FileDescriptor file(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!file.valid()) return {{}, errno};
    FileText result;
    size_t used = 0;
    while (true) {
        result.text.resize(used + kChunk);
        const ssize_t got = read(file.get(), result.text.data() + used, kChunk);
        if (got < 0) {
            if (errno == EINTR) continue;
            return {{}, errno};
        }
        if (got == 0) break;
        used += static_cast<size_t>(got);
    }
    result.text.resize(used);
    return result;
}

}  // namespace netlens::proc
