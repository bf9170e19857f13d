// Decoder tests: a call built from raw registers, decoded, and printed as strace's line
// "name(arg, ...) = result" so that it can be compared with what strace printed.
#pragma once

#include <initializer_list>
#include <string>

#include "fake_tracee_memory.h"
#include "trace/decode/decode_call.h"
#include "trace/present/value_text.h"
#include "trace/syscalls/syscall_table.h"

namespace netlens::trace::testing {

inline CallRecord make_call(std::string_view name, std::initializer_list<uint64_t> args) {
    CallRecord call;
    call.entry.pid = 100;
    call.entry.tid = 100;
    call.entry.number = syscall_number(name).value_or(-1);
    size_t i = 0;
    for (uint64_t arg : args) call.entry.args[i++] = arg;
    return call;
}

inline void set_return(CallRecord& call, int64_t value) {
    call.exit = SyscallExit{};
    call.exit->value = value;
    call.exit->failed = value < 0 && value >= -4095;
}

inline std::string line_of(const CallRecord& call) {
    std::string line = call.name + "(";
    for (size_t i = 0; i < call.args.size(); ++i) {
        if (i) line += ", ";
        line += value_text(call.args[i]);
    }
    return line + ") = " + value_text(call.result);
}

// Decodes at entry (before the return value is known), then at exit, like the engine.
inline std::string decode_line(CallRecord& call, int64_t returned, TraceeMemory& memory,
                               const DecodeOptions& options = {}, const FdText& fd_text = {}) {
    decode_entry(call, memory, options);
    set_return(call, returned);
    decode_call(call, memory, options, fd_text);
    return line_of(call);
}

}  // namespace netlens::trace::testing
