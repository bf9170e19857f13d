// /proc/PID/fdinfo/FD of an epoll descriptor lists its interest list, one watched
// descriptor a line: "tfd:        4 events:       19 data:                4  pos:0 ino:9d1fda sdev:9".
// netlens trace reads it for an epoll set built before tracing began (trace -p), to know
// whether its waits are waits on sockets.
#pragma once

#include <string_view>
#include <vector>

namespace netlens::proc {

// The watched descriptors ("tfd:" values), in the file's order; lines that are not
// "tfd:" lines, or whose number does not parse, are skipped.
std::vector<int> parse_epoll_targets(std::string_view fdinfo);

}  // namespace netlens::proc
