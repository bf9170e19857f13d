// Where output goes: standard output or the --output file. Knows whether the
// destination is a terminal, which decides colour under --color=auto and indentation
// of --json, and turns a failed write into an error that names the destination.
#pragma once

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "core/output_options.h"

namespace netlens {

class OutputDestination {
public:
    // Throws FatalError naming the file when --output cannot be opened.
    explicit OutputDestination(const OutputOptions& options);

    std::ostream& stream() { return *stream_; }
    bool color() const { return color_; }
    bool terminal() const { return terminal_; }  // output goes to a terminal
    const OutputOptions& options() const { return options_; }

    // Pushes buffered output to the destination; throws FatalError (exit 1) naming
    // the destination and the system's reason when the write failed (a full disk).
    void flush();

private:
    OutputOptions options_;
    // The --output file, opened close-on-exec: a command netlens runs (trace -- CMD) must
    // not inherit it. The buffer owns the descriptor and closes it.
    std::unique_ptr<std::filebuf> file_buffer_;
    std::unique_ptr<std::ostream> file_;
    std::ostream* stream_ = nullptr;
    bool color_ = false;
    bool terminal_ = false;
};

}  // namespace netlens
