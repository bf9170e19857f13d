// /proc/net is a link to /proc/self/net, and /proc/self is the thread group leader:
// a worker thread that entered another namespace with setns would read the leader's
// namespace there. /proc/thread-self/net is the calling thread's own, so every
// /proc/net path is read through it. /proc/sys/net needs no mapping: the kernel
// resolves it in the namespace of the thread that opens the file.
#pragma once

#include <string>

namespace netlens::source {

// "/proc/net/X" and "/proc/self/net/X" -> "/proc/thread-self/net/X"; other paths unchanged.
std::string thread_proc_path(const std::string& path);

}  // namespace netlens::source
