// The counts follow strace 6.1's decoders: a decoder that returns RVAL_DECODED at the
// entry prints every argument then; one that prints "fd, " at the entry and the rest at
// the exit counts one.
#include "trace/decode/entry_arguments.h"

#include "trace/syscalls/syscall_table.h"

namespace netlens::trace {

size_t entry_argument_count(const SyscallEntry& entry) {
    const SyscallSpec* spec = syscall_spec(entry.number);
    if (spec == nullptr) return 6;
    const size_t all = spec->arg_count;
    switch (spec->decoder) {
        case Decoder::accept:
        case Decoder::accept4:
            // No address to fill in: nothing is left for the exit.
            return entry.args[1] == 0 ? all : 1;
        case Decoder::getsockname:
        case Decoder::getpeername:
        case Decoder::recvfrom:
        case Decoder::recvmsg:
        case Decoder::recvmmsg:
        case Decoder::sendmmsg:  // its messages' lengths are known only after the call
        case Decoder::read:
        case Decoder::readv:
        case Decoder::pread64:
        case Decoder::epoll_wait:
        case Decoder::epoll_pwait:
            return 1;
        case Decoder::socketpair:
            return 3;  // the pair of descriptors comes back
        case Decoder::getsockopt:
            return 3;  // fd, level, name; the value and its length come back
        case Decoder::sendfile:
            return 2;  // out_fd, in_fd; the offset comes back
        default:
            return all;
    }
}

}  // namespace netlens::trace
