// Where output goes: standard output or the -o file. Knows whether the destination is a
// terminal, which decides colour under --color=auto.
#pragma once

#include <fstream>
#include <memory>
#include <ostream>

#include "core/output_options.h"

namespace netlens {

class OutputSink {
public:
    // Throws FatalError naming the file when -o cannot be opened.
    explicit OutputSink(const OutputOptions& options);

    std::ostream& stream() { return *stream_; }
    bool color() const { return color_; }
    bool terminal() const { return terminal_; }  // output goes to a terminal
    const OutputOptions& options() const { return options_; }

private:
    OutputOptions options_;
    std::unique_ptr<std::ofstream> file_;
    std::ostream* stream_ = nullptr;
    bool color_ = false;
    bool terminal_ = false;
};

}  // namespace netlens
