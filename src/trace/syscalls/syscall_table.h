// The x86_64 system call table: number, strace's name, how many arguments strace shows,
// the classes the call belongs to (strace's %network, %desc... and the sets of our default
// trace) and which argument decoder renders it. One row per call; every lookup goes here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace netlens::trace {

// Class bits. The first seven are strace's -e trace=%CLASS sets, with the same members;
// the rest are the parts of `netlens trace`'s default set.
namespace syscall_class {
inline constexpr uint32_t kNetwork = 1u << 0;
inline constexpr uint32_t kDesc = 1u << 1;
inline constexpr uint32_t kFile = 1u << 2;
inline constexpr uint32_t kProcess = 1u << 3;
inline constexpr uint32_t kSignal = 1u << 4;
inline constexpr uint32_t kIpc = 1u << 5;
inline constexpr uint32_t kMemory = 1u << 6;
inline constexpr uint32_t kSocketIo = 1u << 7;  // data calls, shown when the fd is a socket
inline constexpr uint32_t kFdLife = 1u << 8;    // close/dup*/fcntl, shown for sockets
inline constexpr uint32_t kPollWait = 1u << 9;  // readiness waits, shown for sockets
inline constexpr uint32_t kDnsPath = 1u << 10;  // opens, shown for the resolver's files
}  // namespace syscall_class

// The argument decoder a call uses; `generic` prints every argument as a number.
enum class Decoder : uint8_t {
    generic,
    socket, socketpair, bind, connect, listen, accept, accept4, getsockname, getpeername,
    sendto, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg, shutdown, setsockopt, getsockopt,
    read, write, readv, writev, pread64, pwrite64, sendfile, splice,
    close, dup, dup2, dup3, fcntl,
    poll, ppoll, select, pselect6, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
    open, openat,
};

struct SyscallSpec {
    long number = 0;
    std::string_view name;
    uint8_t arg_count = 0;  // as strace shows the call
    uint32_t classes = 0;   // syscall_class bits
    Decoder decoder = Decoder::generic;
};

// One past the highest x86_64 syscall number in the table: the size of a set by number.
inline constexpr long kSyscallNumberLimit = 512;

// nullptr for a number the table does not know (strace prints it as syscall_0x1d2).
const SyscallSpec* syscall_spec(long number);
std::optional<long> syscall_number(std::string_view name);
std::span<const SyscallSpec> all_syscalls();

}  // namespace netlens::trace
