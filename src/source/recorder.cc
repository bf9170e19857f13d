#include "source/recorder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "source/recording_format.h"

namespace netlens::source {

Result<std::unique_ptr<Recorder>> Recorder::create(const std::string& path) {
    FileDescriptor file(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
    if (!file.valid()) return Error{ExitCode::usage, path + ": cannot create: " + errno_text(errno)};
    std::unique_ptr<Recorder> recorder(new Recorder(path, std::move(file)));
    recorder->write_all(encode_recording_header());
    if (recorder->write_errno_ != 0) {
        return Error{ExitCode::usage, path + ": cannot write: " + errno_text(recorder->write_errno_)};
    }
    return recorder;
}

void Recorder::add(const Entry& entry) {
    const std::string bytes = encode_entry(entry);  // outside the lock: other threads go on
    const std::lock_guard lock(mutex_);
    write_all(bytes);
}

void Recorder::write_all(const std::string& bytes) {
    if (write_errno_ != 0 || !file_.valid()) return;
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t wrote = write(file_.get(), bytes.data() + done, bytes.size() - done);
        if (wrote < 0) {
            if (errno == EINTR) continue;
            write_errno_ = errno;
            return;
        }
        done += static_cast<size_t>(wrote);
    }
}

std::optional<Error> Recorder::finish() {
    const std::lock_guard lock(mutex_);
    // close() is where a full disk or a lost NFS server may first show.
    if (file_.valid() && close(file_.release()) != 0 && write_errno_ == 0) write_errno_ = errno;
    if (write_errno_ != 0) return Error{ExitCode::failure, path_ + ": cannot write: " + errno_text(write_errno_)};
    return std::nullopt;
}

}  // namespace netlens::source
