// Data calls (read/write and friends), fd calls (close, dup*, fcntl) and opens. A read's
// buffer shows what the call returned; a write's shows what it was given.
#include <fcntl.h>

#include <fmt/format.h>

#include "trace/decode/call_decoders.h"
#include "trace/decode/constants.h"
#include "trace/decode/iovec.h"
#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace::call_decoders {
namespace {

constexpr uint64_t kAccessModeMask = 3;
constexpr uint64_t kCreatesFile = 0100 | 020000000;  // O_CREAT, or O_TMPFILE's own bit

Value open_flags(uint64_t flags) {
    return enum_with_flags_value(constants::open_access_modes(), kAccessModeMask, "O", constants::open_flags(),
                                 static_cast<uint32_t>(flags));
}

// A read's buffer: the returned bytes, or the address when nothing was read.
void add_read_buffer(CallContext& context, size_t buffer_arg) {
    if (!context.succeeded()) {
        context.add(pointer_value(context.arg(buffer_arg)));
        return;
    }
    const auto received = static_cast<uint64_t>(context.returned());
    context.add(buffer_value(context.memory, context.arg(buffer_arg), received, context.options));
    context.call.payload = read_payload(context.memory, context.arg(buffer_arg), received, context.options.payload_limit);
}

void add_write_buffer(CallContext& context, size_t buffer_arg, uint64_t length) {
    context.add(buffer_value(context.memory, context.arg(buffer_arg), length, context.options));
    context.call.payload = read_payload(context.memory, context.arg(buffer_arg), length, context.options.payload_limit);
}

// An loff_t pointer: NULL or [value].
Value offset_pointer(const CallContext& context, size_t arg) {
    if (context.arg(arg) == 0) return pointer_value(0);
    const auto offset = read_object<int64_t>(context.memory, context.arg(arg));
    return offset ? wrapped("[", signed_value(*offset), "]") : pointer_value(context.arg(arg));
}

void add_mode_if_created(CallContext& context, uint64_t flags, size_t mode_arg) {
    if (flags & kCreatesFile) {
        const auto mode = static_cast<uint32_t>(context.arg(mode_arg));
        context.add(leaf(fmt::format("{:#04o}", mode), mode));
    }
}

}  // namespace

void read(CallContext& context) {
    context.add(context.fd_arg(0));
    add_read_buffer(context, 1);
    context.add(unsigned_value(context.arg(2)));
}

void write(CallContext& context) {
    context.add(context.fd_arg(0));
    add_write_buffer(context, 1, context.arg(2));
    context.add(unsigned_value(context.arg(2)));
}

void pread64(CallContext& context) {
    read(context);
    context.add(signed_value(static_cast<int64_t>(context.arg(3))));
}

void pwrite64(CallContext& context) {
    write(context);
    context.add(signed_value(static_cast<int64_t>(context.arg(3))));
}

void readv(CallContext& context) {
    context.add(context.fd_arg(0));
    if (context.succeeded()) {
        const auto received = static_cast<uint64_t>(context.returned());
        context.add(iovec_array_value(context.memory, context.arg(1), context.arg(2), received, context.options));
        context.call.payload = iovec_payload(context.memory, context.arg(1), context.arg(2), received, context.options.payload_limit);
    } else {
        context.add(pointer_value(context.arg(1)));
    }
    context.add(unsigned_value(context.arg(2)));
}

void writev(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(iovec_array_value(context.memory, context.arg(1), context.arg(2), kAllData, context.options));
    context.call.payload = iovec_payload(context.memory, context.arg(1), context.arg(2), kAllData, context.options.payload_limit);
    context.add(unsigned_value(context.arg(2)));
}

void keep_sendfile_offset(CallContext& context) {
    if (const auto offset = read_object<int64_t>(context.memory, context.arg(2)))
        context.call.entry_values = {static_cast<uint64_t>(*offset)};
}

void sendfile(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(context.fd_arg(1));
    Value offset = offset_pointer(context, 2);
    if (const auto before = context.entry_value(0); before && context.succeeded() && context.arg(2) != 0)
        offset = leaf("[" + std::to_string(static_cast<int64_t>(*before)) + "] => " + offset.text, offset.json);
    context.add(std::move(offset));
    context.add(unsigned_value(context.arg(3)));
}

void splice(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(offset_pointer(context, 1));
    context.add(context.fd_arg(2));
    context.add(offset_pointer(context, 3));
    context.add(unsigned_value(context.arg(4)));
    context.add(flags_value(constants::splice_flags(), static_cast<uint32_t>(context.arg(5))));
}

void close(CallContext& context) { context.add(context.fd_arg(0)); }

void dup(CallContext& context) {
    context.add(context.fd_arg(0));
    context.result_form = ResultForm::fd;
}

void dup2(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(context.fd_arg(1));
    context.result_form = ResultForm::fd;
}

void dup3(CallContext& context) {
    dup2(context);
    context.add(flags_value(constants::open_flags(), static_cast<uint32_t>(context.arg(2))));
}

void fcntl(CallContext& context) {
    const auto command = static_cast<uint32_t>(context.arg(1));
    context.add(context.fd_arg(0));
    context.add(constant_value(constants::fcntl_commands(), command, "F"));
    switch (command) {
        case F_GETFD:
        case F_GETFL:
        case F_GETOWN:
        case F_GETSIG:
        case F_GETLEASE:
        case F_GETPIPE_SZ:
        case F_GET_SEALS: break;
        case F_SETFD: context.add(flags_value(constants::fd_flags(), context.arg(2))); break;
        case F_SETFL: context.add(open_flags(context.arg(2))); break;
        default: context.add(signed_value(context.int_arg(2))); break;
    }
    if (!context.succeeded()) return;
    const auto value = static_cast<uint64_t>(context.returned());
    if (command == F_DUPFD || command == F_DUPFD_CLOEXEC) context.result_form = ResultForm::fd;
    if (command == F_GETFL) {
        context.result_form = ResultForm::hex;
        context.result_detail = " (flags " + open_flags(value).text + ")";
    }
    if (command == F_GETFD) {
        context.result_form = ResultForm::hex;
        context.result_detail = " (flags " + flags_value(constants::fd_flags(), value).text + ")";
    }
}

void open(CallContext& context) {
    context.add(path_value(context.memory, context.arg(0), context.options));
    context.add(open_flags(context.arg(1)));
    add_mode_if_created(context, context.arg(1), 2);
    context.result_form = ResultForm::fd;
}

void openat(CallContext& context) {
    const int directory = context.int_arg(0);
    context.add(directory == AT_FDCWD ? leaf("AT_FDCWD", "AT_FDCWD") : context.fd(directory));
    context.add(path_value(context.memory, context.arg(1), context.options));
    context.add(open_flags(context.arg(2)));
    add_mode_if_created(context, context.arg(2), 3);
    context.result_form = ResultForm::fd;
}

}  // namespace netlens::trace::call_decoders
