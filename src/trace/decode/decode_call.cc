// Dispatch: the syscall table names each call's decoder; this file maps a decoder to its
// entry and exit functions, prints calls without one as strace prints raw arguments, and
// writes the result text.
#include "trace/decode/decode_call.h"

#include <fmt/format.h>

#include "trace/decode/call_context.h"
#include "trace/decode/call_decoders.h"
#include "trace/decode/errno_text.h"
#include "trace/decode/value_build.h"
#include "trace/syscalls/syscall_table.h"

namespace netlens::trace {
namespace {

struct DecoderEntry {
    Decoder decoder;
    CallDecoderFn at_entry;  // nullptr when nothing needs keeping
    CallDecoderFn at_exit;
};

namespace calls = call_decoders;
constexpr DecoderEntry kDecoders[] = {
    {Decoder::socket, nullptr, calls::socket},
    {Decoder::socketpair, nullptr, calls::socketpair},
    {Decoder::bind, nullptr, calls::bind_or_connect},
    {Decoder::connect, nullptr, calls::bind_or_connect},
    {Decoder::listen, nullptr, calls::listen},
    {Decoder::accept, calls::keep_address_length, calls::accept},
    {Decoder::accept4, calls::keep_address_length, calls::accept4},
    {Decoder::getsockname, calls::keep_address_length, calls::socket_name},
    {Decoder::getpeername, calls::keep_address_length, calls::socket_name},
    {Decoder::sendto, nullptr, calls::sendto},
    {Decoder::recvfrom, calls::keep_address_length, calls::recvfrom},
    {Decoder::sendmsg, nullptr, calls::sendmsg},
    {Decoder::recvmsg, nullptr, calls::recvmsg},
    {Decoder::sendmmsg, nullptr, calls::sendmmsg},
    {Decoder::recvmmsg, nullptr, calls::recvmmsg},
    {Decoder::shutdown, nullptr, calls::shutdown},
    {Decoder::setsockopt, nullptr, calls::setsockopt},
    {Decoder::getsockopt, calls::keep_option_length, calls::getsockopt},
    {Decoder::read, nullptr, calls::read},
    {Decoder::write, nullptr, calls::write},
    {Decoder::readv, nullptr, calls::readv},
    {Decoder::writev, nullptr, calls::writev},
    {Decoder::pread64, nullptr, calls::pread64},
    {Decoder::pwrite64, nullptr, calls::pwrite64},
    {Decoder::sendfile, calls::keep_sendfile_offset, calls::sendfile},
    {Decoder::splice, nullptr, calls::splice},
    {Decoder::close, nullptr, calls::close},
    {Decoder::dup, nullptr, calls::dup},
    {Decoder::dup2, nullptr, calls::dup2},
    {Decoder::dup3, nullptr, calls::dup3},
    {Decoder::fcntl, nullptr, calls::fcntl},
    {Decoder::poll, nullptr, calls::poll},
    {Decoder::ppoll, calls::keep_ppoll_timeout, calls::ppoll},
    {Decoder::select, calls::keep_select_state, calls::select},
    {Decoder::pselect6, calls::keep_select_state, calls::pselect6},
    {Decoder::epoll_create1, nullptr, calls::epoll_create1},
    {Decoder::epoll_ctl, nullptr, calls::epoll_ctl},
    {Decoder::epoll_wait, nullptr, calls::epoll_wait},
    {Decoder::epoll_pwait, nullptr, calls::epoll_pwait},
    {Decoder::open, nullptr, calls::open},
    {Decoder::openat, nullptr, calls::openat},
};

const DecoderEntry* decoder_entry(const SyscallSpec* spec) {
    if (spec == nullptr) return nullptr;
    for (const DecoderEntry& entry : kDecoders)
        if (entry.decoder == spec->decoder) return &entry;
    return nullptr;
}

// Calls that return an address, which strace prints in hex.
bool returns_address(std::string_view name) {
    return name == "mmap" || name == "brk" || name == "mremap" || name == "shmat";
}

// Arguments of a call without a decoder: small values in decimal, others in hex (as
// strace's raw form prints unknown calls: syscall_0x1d2(0, 0, ...)).
Value raw_argument(uint64_t value) { return value < 0x10000 ? unsigned_value(value) : hex_value(value); }

void decode_generic(CallContext& context, size_t count) {
    for (size_t i = 0; i < count; ++i) context.add(raw_argument(context.arg(i)));
    if (returns_address(context.call.name)) context.result_form = ResultForm::hex;
}

void write_result(CallContext& context) {
    CallRecord& call = context.call;
    if (!call.exit) {
        call.result = leaf("?", nullptr);
        return;
    }
    if (call.exit->failed) {
        const int err = static_cast<int>(-call.exit->value);
        call.result = leaf(failure_result_text(err), call.exit->value);
        return;
    }
    const int64_t value = call.exit->value;
    switch (context.result_form) {
        case ResultForm::fd: call.result = context.fd(value); break;
        case ResultForm::hex: call.result = hex_value(static_cast<uint64_t>(value)); break;
        case ResultForm::decimal: call.result = signed_value(value); break;
    }
    call.result.text += context.result_detail;
}

std::string call_name(long number, const SyscallSpec* spec) {
    return spec ? std::string(spec->name) : fmt::format("syscall_{:#x}", number);
}

}  // namespace

void decode_entry(CallRecord& call, TraceeMemory& memory, const DecodeOptions& options) {
    const SyscallSpec* spec = syscall_spec(call.entry.number);
    call.name = call_name(call.entry.number, spec);
    const DecoderEntry* entry = decoder_entry(spec);
    if (entry == nullptr || entry->at_entry == nullptr) return;
    const FdText no_fd_text;
    CallContext context{call, memory, options, no_fd_text};
    entry->at_entry(context);
}

void decode_call(CallRecord& call, TraceeMemory& memory, const DecodeOptions& options, const FdText& fd_text) {
    const SyscallSpec* spec = syscall_spec(call.entry.number);
    call.name = call_name(call.entry.number, spec);
    call.args.clear();
    call.payload.clear();
    CallContext context{call, memory, options, fd_text};
    if (const DecoderEntry* entry = decoder_entry(spec)) entry->at_exit(context);
    else decode_generic(context, spec ? spec->arg_count : 6);
    write_result(context);
}

}  // namespace netlens::trace
