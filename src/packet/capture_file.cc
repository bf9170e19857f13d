// Opening a capture: map a regular file, read anything else (pipes, `-`) to its end, and
// inflate gzip/zstd into memory. Decompressing rather than refusing is what tshark does
// and what a user with `trace.pcap.gz` expects; the cost is memory for the whole
// decompressed capture, bounded by kMaxDecompressedBytes.
#include "packet/capture_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include <fmt/format.h>

#include "core/file_descriptor.h"
#include "packet/decompress.h"

namespace netlens::packet {
namespace {

constexpr std::size_t kMaxDecompressedBytes = std::size_t{16} << 30;

Error system_error(const std::string& path, const char* what, int err) {
    return Error{ExitCode::failure, fmt::format("{}: {}: {}", path, what, errno_text(err))};
}

Result<std::vector<std::byte>> read_all(int fd, const std::string& path) {
    std::vector<std::byte> buffer(1 << 20);
    std::size_t used = 0;
    while (true) {
        if (used == buffer.size()) buffer.resize(buffer.size() * 2);
        const auto got = read(fd, buffer.data() + used, buffer.size() - used);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            return system_error(path, "read", errno);
        }
        used += static_cast<std::size_t>(got);
    }
    buffer.resize(used);
    return buffer;
}

}  // namespace

Result<CaptureFile> CaptureFile::open(const std::string& path) {
    FileDescriptor owned;
    int fd = STDIN_FILENO;
    if (path != "-") {
        owned = FileDescriptor(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!owned.valid()) return system_error(path, "cannot open", errno);
        fd = owned.get();
    }
    struct stat status {};
    if (fstat(fd, &status) != 0) return system_error(path, "cannot stat", errno);
    if (S_ISDIR(status.st_mode)) {
        return Error{ExitCode::failure, fmt::format("{}: is a directory, not a capture file", path)};
    }
    if (!S_ISREG(status.st_mode) || status.st_size == 0) {
        auto buffer = read_all(fd, path);
        if (!buffer) return buffer.error();
        return from_buffer(std::move(*buffer), path);
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    void* mapping = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) return system_error(path, "cannot map", errno);
    // The reader walks the file front to back once.
    madvise(mapping, size, MADV_SEQUENTIAL);
    CaptureFile file;
    file.name_ = path;
    file.mapping_ = mapping;
    file.bytes_ = Bytes(static_cast<const std::byte*>(mapping), size);
    const auto kind = detect_compression(file.bytes_);
    if (kind == Compression::none) return file;
    auto inflated = decompress(file.bytes_, kind, path, kMaxDecompressedBytes);
    if (!inflated) return inflated.error();
    return from_buffer(std::move(*inflated), path);
}

Result<CaptureFile> CaptureFile::from_buffer(std::vector<std::byte> buffer, std::string name) {
    const auto kind = detect_compression(buffer);
    if (kind != Compression::none) {
        auto inflated = decompress(buffer, kind, name, kMaxDecompressedBytes);
        if (!inflated) return inflated.error();
        buffer = std::move(*inflated);
    }
    CaptureFile file;
    file.name_ = std::move(name);
    file.buffer_ = std::move(buffer);
    file.bytes_ = file.buffer_;
    return file;
}

CaptureFile::CaptureFile(CaptureFile&& other) noexcept
    : name_(std::move(other.name_)),
      bytes_(std::exchange(other.bytes_, {})),
      mapping_(std::exchange(other.mapping_, nullptr)),
      buffer_(std::move(other.buffer_)) {}

CaptureFile& CaptureFile::operator=(CaptureFile&& other) noexcept {
    if (this != &other) {
        unmap();
        name_ = std::move(other.name_);
        bytes_ = std::exchange(other.bytes_, {});
        mapping_ = std::exchange(other.mapping_, nullptr);
        buffer_ = std::move(other.buffer_);
    }
    return *this;
}

CaptureFile::~CaptureFile() { unmap(); }

void CaptureFile::unmap() {
    if (mapping_ != nullptr) munmap(mapping_, bytes_.size());
    mapping_ = nullptr;
}

}  // namespace netlens::packet
