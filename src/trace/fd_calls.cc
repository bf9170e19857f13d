#include "trace/fd_calls.h"

#include <fcntl.h>
#include <sys/syscall.h>

#include <algorithm>
#include <array>

namespace netlens::trace {

namespace {

constexpr std::array<long, 13> kFdTableCalls = {SYS_close,   SYS_close_range, SYS_dup,    SYS_dup2,   SYS_dup3,
                                                SYS_fcntl,   SYS_socket,      SYS_socketpair, SYS_accept,
                                                SYS_accept4, SYS_connect,     SYS_bind,   SYS_epoll_ctl};

}  // namespace

bool changes_addresses(long number) {
    return number == SYS_connect || number == SYS_bind || number == SYS_sendto || number == SYS_sendmsg ||
           number == SYS_sendmmsg;
}

bool keeps_fd_table(long number) {
    return std::find(kFdTableCalls.begin(), kFdTableCalls.end(), number) != kFdTableCalls.end();
}

bool returns_new_fd(long number, const SyscallEntry& entry) {
    switch (number) {
        case SYS_socket:
        case SYS_accept:
        case SYS_accept4:
        case SYS_dup:
        case SYS_dup2:
        case SYS_dup3:
            return true;
        case SYS_fcntl:
            return entry.args[1] == F_DUPFD || entry.args[1] == F_DUPFD_CLOEXEC;
        default:
            return false;
    }
}

std::vector<int64_t> fd_arguments(const SyscallEntry& entry) {
    const auto fd = [&](size_t i) { return static_cast<int64_t>(static_cast<int32_t>(entry.args[i])); };
    switch (entry.number) {
        case SYS_sendfile:
            return {fd(0), fd(1)};
        case SYS_splice:
            return {fd(0), fd(2)};
        case SYS_epoll_ctl:
            return {fd(2)};
        default:
            return {fd(0)};
    }
}

}  // namespace netlens::trace
