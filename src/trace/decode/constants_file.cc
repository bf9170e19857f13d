// File, fd and readiness constants: O_*, F_*, FD_*, POLL*, EPOLL*, SPLICE_F_* (x86_64
// values). Several-bit entries (O_SYNC holds O_DSYNC, O_TMPFILE holds O_DIRECTORY) come
// first so that they win over their parts.
#include "trace/decode/constants.h"

namespace netlens::trace::constants {
namespace {

constexpr NamedValue kOpenAccessModes[] = {{0, "O_RDONLY"}, {1, "O_WRONLY"}, {2, "O_RDWR"}};

constexpr NamedValue kOpenFlags[] = {
    {04010000, "O_SYNC"}, {020200000, "O_TMPFILE"}, {0100, "O_CREAT"}, {0200, "O_EXCL"},
    {0400, "O_NOCTTY"}, {01000, "O_TRUNC"}, {02000, "O_APPEND"}, {04000, "O_NONBLOCK"},
    {010000, "O_DSYNC"}, {020000, "O_ASYNC"}, {040000, "O_DIRECT"}, {0100000, "O_LARGEFILE"},
    {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"},
    {02000000, "O_CLOEXEC"}, {010000000, "O_PATH"},
};

constexpr NamedValue kFcntlCommands[] = {
    {0, "F_DUPFD"}, {1, "F_GETFD"}, {2, "F_SETFD"}, {3, "F_GETFL"}, {4, "F_SETFL"},
    {5, "F_GETLK"}, {6, "F_SETLK"}, {7, "F_SETLKW"}, {8, "F_SETOWN"}, {9, "F_GETOWN"},
    {10, "F_SETSIG"}, {11, "F_GETSIG"}, {15, "F_SETOWN_EX"}, {16, "F_GETOWN_EX"},
    {17, "F_GETOWNER_UIDS"}, {36, "F_OFD_GETLK"}, {37, "F_OFD_SETLK"}, {38, "F_OFD_SETLKW"},
    {1024, "F_SETLEASE"}, {1025, "F_GETLEASE"}, {1026, "F_NOTIFY"}, {1030, "F_DUPFD_CLOEXEC"},
    {1031, "F_SETPIPE_SZ"}, {1032, "F_GETPIPE_SZ"}, {1033, "F_ADD_SEALS"}, {1034, "F_GET_SEALS"},
};

constexpr NamedValue kFdFlags[] = {{1, "FD_CLOEXEC"}};

constexpr NamedValue kPollEvents[] = {
    {0x1, "POLLIN"}, {0x2, "POLLPRI"}, {0x4, "POLLOUT"}, {0x8, "POLLERR"}, {0x10, "POLLHUP"},
    {0x20, "POLLNVAL"}, {0x40, "POLLRDNORM"}, {0x80, "POLLRDBAND"}, {0x100, "POLLWRNORM"},
    {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"}, {0x1000, "POLLREMOVE"}, {0x2000, "POLLRDHUP"},
};

constexpr NamedValue kEpollEvents[] = {
    {0x1, "EPOLLIN"}, {0x2, "EPOLLPRI"}, {0x4, "EPOLLOUT"}, {0x8, "EPOLLERR"}, {0x10, "EPOLLHUP"},
    {0x20, "EPOLLNVAL"}, {0x40, "EPOLLRDNORM"}, {0x80, "EPOLLRDBAND"}, {0x100, "EPOLLWRNORM"},
    {0x200, "EPOLLWRBAND"}, {0x400, "EPOLLMSG"}, {0x2000, "EPOLLRDHUP"},
    {1u << 28, "EPOLLEXCLUSIVE"}, {1u << 29, "EPOLLWAKEUP"}, {1u << 30, "EPOLLONESHOT"},
    {1u << 31, "EPOLLET"},
};

constexpr NamedValue kEpollCtlOps[] = {{1, "EPOLL_CTL_ADD"}, {2, "EPOLL_CTL_DEL"}, {3, "EPOLL_CTL_MOD"}};

constexpr NamedValue kEpollCreateFlags[] = {{02000000, "EPOLL_CLOEXEC"}};

constexpr NamedValue kSpliceFlags[] = {
    {1, "SPLICE_F_MOVE"}, {2, "SPLICE_F_NONBLOCK"}, {4, "SPLICE_F_MORE"}, {8, "SPLICE_F_GIFT"},
};

}  // namespace

ConstantTable open_access_modes() { return kOpenAccessModes; }
ConstantTable open_flags() { return kOpenFlags; }
ConstantTable fcntl_commands() { return kFcntlCommands; }
ConstantTable fd_flags() { return kFdFlags; }
ConstantTable poll_events() { return kPollEvents; }
ConstantTable epoll_events() { return kEpollEvents; }
ConstantTable epoll_ctl_ops() { return kEpollCtlOps; }
ConstantTable epoll_create_flags() { return kEpollCreateFlags; }
ConstantTable splice_flags() { return kSpliceFlags; }

}  // namespace netlens::trace::constants
