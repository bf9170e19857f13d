#include "source/proc_path.h"

#include <array>
#include <string_view>

namespace netlens::source {

std::string thread_proc_path(const std::string& path) {
    constexpr std::array<std::string_view, 2> kLeaderViews = {"/proc/net", "/proc/self/net"};
    for (const std::string_view prefix : kLeaderViews) {
        if (!path.starts_with(prefix)) continue;
        const std::string_view rest = std::string_view(path).substr(prefix.size());
        if (!rest.empty() && rest.front() != '/') continue;  // "/proc/netstat" is not under /proc/net
        return "/proc/thread-self/net" + std::string(rest);
    }
    return path;
}

}  // namespace netlens::source
