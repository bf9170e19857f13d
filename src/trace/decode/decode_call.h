// The per-call decoder: turns a stopped call's raw registers (and the tracee memory they
// point to) into strace's view of it: name, arguments, result text, and the payload.
#pragma once

#include "trace/decode/decode_options.h"
#include "trace/decode/fd_text.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// At the entry stop: keeps in call.entry_values what the call will overwrite and the exit
// line still shows (in/out lengths such as accept's addrlen, select's sets and timeout).
void decode_entry(CallRecord& call, TraceeMemory& memory, const DecodeOptions& options);

// At the exit stop (or at the entry when there will be no exit): fills call.name,
// call.args (every argument, in strace's form, out-arguments after the call), call.result
// (strace's "= ..." text without "= ": "3", "-1 ECONNREFUSED (Connection refused)",
// "0x7f..." for pointers, "?" for no exit) and call.payload (up to payload_limit bytes of
// the data read or written, whatever string_limit says).
void decode_call(CallRecord& call, TraceeMemory& memory, const DecodeOptions& options, const FdText& fd_text);

}  // namespace netlens::trace
