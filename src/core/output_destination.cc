#include "core/output_destination.h"

#include <fcntl.h>
#include <unistd.h>

#include <ext/stdio_filebuf.h>

#include <cerrno>
#include <iostream>

#include "core/error.h"

namespace netlens {

OutputDestination::OutputDestination(const OutputOptions& options) : options_(options) {
    bool tty = false;
    if (options.file.empty() && options.to_stderr) {
        stream_ = &std::cerr;
        tty = isatty(STDERR_FILENO) != 0;
    } else if (options.file.empty()) {
        stream_ = &std::cout;
        tty = isatty(STDOUT_FILENO) != 0;
    } else {
        const int fd = open(options.file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) {
            throw FatalError(ExitCode::failure,
                             "--output " + options.file + ": cannot open for writing: " + errno_text(errno));
        }
        file_buffer_ = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(fd, std::ios::out);
        file_ = std::make_unique<std::ostream>(file_buffer_.get());
        stream_ = file_.get();
    }
    terminal_ = tty;
    color_ = options.format == Format::text &&
             (options.color == ColorMode::always || (options.color == ColorMode::automatic && tty));
}

void OutputDestination::flush() {
    errno = 0;
    stream_->flush();
    if (*stream_) return;
    // The stream keeps no errno of its own; the failed write(2) left it behind.
    const int err = errno;
    const std::string where = !options_.file.empty() ? options_.file
                              : options_.to_stderr    ? "standard error"
                                                      : "standard output";
    throw FatalError(ExitCode::failure, "write to " + where + ": " + (err != 0 ? errno_text(err) : "failed"));
}

}  // namespace netlens
