// Where a capture writer's bytes go: a file descriptor or an ostream, through one buffer
// that only ever holds whole records. A record is reserved, filled and committed as a
// unit, and the buffer is written out only between records, so whatever reached the
// file after a flush ends at a record boundary: a reader sees every packet up to the
// last flush, which is what a capture interrupted by SIGINT must leave behind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/file_descriptor.h"

namespace netlens::packet {

class CaptureOutput {
public:
    static constexpr std::size_t kDefaultBufferBytes = 1 << 20;

    // Writes to `fd`, which stays the caller's. `name` appears in error messages.
    CaptureOutput(int fd, std::string name, std::size_t buffer_bytes = kDefaultBufferBytes);
    // Creates (truncates) the file at `path` and owns it.
    static Result<CaptureOutput> create_file(const std::string& path,
                                             std::size_t buffer_bytes = kDefaultBufferBytes);
    CaptureOutput(std::ostream& stream, std::string name, std::size_t buffer_bytes = kDefaultBufferBytes);

    // A moved-from output writes nothing, not even at destruction.
    CaptureOutput(CaptureOutput&& other) noexcept { *this = std::move(other); }
    CaptureOutput& operator=(CaptureOutput&& other) noexcept;
    CaptureOutput(const CaptureOutput&) = delete;
    CaptureOutput& operator=(const CaptureOutput&) = delete;
    ~CaptureOutput();  // flushes; an error there is lost, so call flush() to see it

    // Room for one whole record of `bytes` at the end of the buffer, written out first
    // when the buffer lacks room (grown for a record larger than the whole buffer).
    // Empty once an error happened.
    std::span<std::byte> reserve(std::size_t bytes);
    // Makes the first `bytes` of the last reserved span part of the output.
    void commit(std::size_t bytes);
    // Writes every committed record out (and flushes the ostream). False on error.
    bool flush();

    // Offset in the output of the next record: every byte committed so far.
    std::uint64_t offset() const { return written_ + buffer_used_; }
    const std::optional<Error>& error() const { return error_; }
    const std::string& name() const { return name_; }

private:
    CaptureOutput() = default;
    bool write_out(std::span<const std::byte> bytes);

    FileDescriptor owned_;
    int fd_ = -1;
    std::ostream* stream_ = nullptr;
    std::string name_;
    std::vector<std::byte> buffer_;
    std::size_t buffer_used_ = 0;
    std::uint64_t written_ = 0;
    std::optional<Error> error_;
};

}  // namespace netlens::packet
