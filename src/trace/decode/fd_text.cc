#include "trace/decode/fd_text.h"

#include "trace/decode/value_build.h"

namespace netlens::trace {

Value fd_value(const FdText& fd_text, int pid, int64_t fd) {
    if (!fd_text) return signed_value(fd);
    return leaf(fd_text(pid, fd), fd);
}

}  // namespace netlens::trace
