#include "proc/epoll_fdinfo.h"

#include <charconv>

namespace netlens::proc {

std::vector<int> parse_epoll_targets(std::string_view fdinfo) {
    constexpr std::string_view kKey = "tfd:";
    std::vector<int> targets;
    while (!fdinfo.empty()) {
        const size_t end = fdinfo.find('\n');
        std::string_view line = fdinfo.substr(0, end);
        fdinfo = end == std::string_view::npos ? std::string_view{} : fdinfo.substr(end + 1);
        if (!line.starts_with(kKey)) continue;
        line.remove_prefix(kKey.size());
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        int fd = -1;
        const auto [next, error] = std::from_chars(line.data(), line.data() + line.size(), fd);
        if (error == std::errc{} && fd >= 0 && (next == line.data() + line.size() || *next == ' ')) targets.push_back(fd);
    }
    return targets;
}

}  // namespace netlens::proc
