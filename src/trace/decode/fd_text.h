// How a decoder shows a file descriptor: the fd table (another part of trace) knows what
// it is; the decoders only ask.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "trace/trace_model.h"

namespace netlens::trace {

// Renders an fd argument: "3" or, with the fd table, "3<TCP:[1.2.3.4:5->6.7.8.9:10]>".
using FdText = std::function<std::string(int pid, int64_t fd)>;

// An fd of process `pid` as a Value: the text from fd_text (decimal without one), json the number.
Value fd_value(const FdText& fd_text, int pid, int64_t fd);

}  // namespace netlens::trace
