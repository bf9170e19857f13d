#include "proc/file_text.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/file_descriptor.h"

namespace netlens::proc {

namespace {

// One page: what seq_file produces per read for most /proc/net files.
constexpr size_t kChunk = 4096;

}  // namespace

FileText read_file_text(const std::string& path) {
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
