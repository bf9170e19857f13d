// /proc/PID/comm holds a process's command name followed by a newline. The name is what
// ss prints in users:(("nginx",pid=1,fd=3)); it may contain spaces and is not the argv.
#pragma once

#include <string_view>

namespace netlens::proc {

// The command name without its trailing newline. Only one newline is removed: a name set
// with prctl(PR_SET_NAME) may itself end in one, and the kernel adds exactly one.
std::string_view parse_comm(std::string_view text);

}  // namespace netlens::proc
