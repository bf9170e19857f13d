#include "core/output_sink.h"

#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "core/error.h"

namespace netlens {

OutputSink::OutputSink(const OutputOptions& options) : options_(options) {
    bool tty = false;
    if (options.file.empty()) {
        stream_ = &std::cout;
        tty = isatty(STDOUT_FILENO) != 0;
    } else {
        file_ = std::make_unique<std::ofstream>(options.file, std::ios::out | std::ios::trunc);
        if (!*file_) {
            throw FatalError(ExitCode::failure,
                             "-o " + options.file + ": cannot open for writing: " + errno_text(errno));
        }
        stream_ = file_.get();
    }
    terminal_ = tty;
    color_ = options.format == Format::text &&
             (options.color == ColorMode::always || (options.color == ColorMode::automatic && tty));
}

}  // namespace netlens
