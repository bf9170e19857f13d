#include "trace/decode/moved_data.h"

#include "trace/decode/iovec.h"
#include "trace/decode/msghdr.h"
#include "trace/decode/strings.h"
#include "trace/syscalls/syscall_table.h"

namespace netlens::trace {

DataDirection data_direction(long number) {
    const SyscallSpec* spec = syscall_spec(number);
    if (spec == nullptr) return DataDirection::none;
    switch (spec->decoder) {
        case Decoder::read:
        case Decoder::pread64:
        case Decoder::recvfrom:
        case Decoder::readv:
        case Decoder::recvmsg:
            return DataDirection::read;
        case Decoder::write:
        case Decoder::pwrite64:
        case Decoder::sendto:
        case Decoder::writev:
        case Decoder::sendmsg:
            return DataDirection::written;
        default:
            return DataDirection::none;
    }
}

MovedData moved_data(const CallRecord& call, TraceeMemory& memory) {
    MovedData data;
    data.direction = data_direction(call.entry.number);
    if (data.direction == DataDirection::none || !call.exit || call.exit->failed || call.exit->value <= 0) return data;
    const auto moved = static_cast<uint64_t>(call.exit->value);
    const SyscallSpec* spec = syscall_spec(call.entry.number);
    const auto& args = call.entry.args;
    switch (spec->decoder) {
        case Decoder::readv:
        case Decoder::writev:
            data.by_iovec = true;
            data.buffers = iovec_buffers(memory, args[1], args[2], moved, kMovedDataLimit);
            break;
        case Decoder::recvmsg:
        case Decoder::sendmsg:
            data.by_iovec = true;
            data.buffers = msghdr_buffers(memory, args[1], moved, kMovedDataLimit);
            break;
        default:
            data.buffers.push_back(read_payload(memory, args[1], static_cast<size_t>(moved), kMovedDataLimit));
            break;
    }
    return data;
}

}  // namespace netlens::trace
