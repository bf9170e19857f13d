#include "packet/capture_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>

namespace netlens::packet {

CaptureOutput::CaptureOutput(int fd, std::string name, std::size_t buffer_bytes)
    : fd_(fd), name_(std::move(name)), buffer_(buffer_bytes) {}

CaptureOutput::CaptureOutput(std::ostream& stream, std::string name, std::size_t buffer_bytes)
    : stream_(&stream), name_(std::move(name)), buffer_(buffer_bytes) {}

Result<CaptureOutput> CaptureOutput::create_file(const std::string& path, std::size_t buffer_bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Error{ExitCode::failure, path + ": " + errno_text(errno)};
    CaptureOutput output(fd, path, buffer_bytes);
    output.owned_ = FileDescriptor(fd);
    return output;
}

CaptureOutput& CaptureOutput::operator=(CaptureOutput&& other) noexcept {
    if (this == &other) return *this;
    if (fd_ >= 0 || stream_ != nullptr) flush();
    owned_ = std::move(other.owned_);
    fd_ = std::exchange(other.fd_, -1);
    stream_ = std::exchange(other.stream_, nullptr);
    name_ = std::move(other.name_);
    buffer_ = std::move(other.buffer_);
    buffer_used_ = std::exchange(other.buffer_used_, 0);
    written_ = other.written_;
    error_ = std::move(other.error_);
    return *this;
}

CaptureOutput::~CaptureOutput() {
    if (fd_ >= 0 || stream_ != nullptr) flush();
}

std::span<std::byte> CaptureOutput::reserve(std::size_t bytes) {
    if (error_) return {};
    if (buffer_.size() - buffer_used_ < bytes) {
        if (!flush()) return {};
        if (buffer_.size() < bytes) buffer_.resize(bytes);
    }
    return std::span(buffer_).subspan(buffer_used_, bytes);
}

void CaptureOutput::commit(std::size_t bytes) {
    if (error_ || bytes > buffer_.size() - buffer_used_) return;
    buffer_used_ += bytes;
}

bool CaptureOutput::flush() {
    if (error_) return false;
    if (buffer_used_ > 0 && !write_out(std::span(buffer_).first(buffer_used_))) return false;
    written_ += buffer_used_;
    buffer_used_ = 0;
    if (stream_ != nullptr && !stream_->flush()) {
        error_ = Error{ExitCode::failure, name_ + ": flush failed at offset " + std::to_string(written_)};
        return false;
    }
    return true;
}

bool CaptureOutput::write_out(std::span<const std::byte> bytes) {
    if (stream_ != nullptr) {
        if (stream_->write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
            return true;
        error_ = Error{ExitCode::failure, name_ + ": write failed at offset " + std::to_string(written_)};
        return false;
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = n < 0 ? errno : ENOSPC;
            error_ = Error{ExitCode::failure, name_ + ": write at offset " + std::to_string(written_ + done) +
                                                  ": " + errno_text(err)};
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace netlens::packet
