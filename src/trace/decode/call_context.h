// What every call decoder works with: the call, the tracee's memory, the options and the
// fd renderer, with accessors for raw arguments and the outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "trace/decode/decode_options.h"
#include "trace/decode/fd_text.h"
#include "trace/decode/msghdr.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// How the successful return value is shown.
enum class ResultForm { decimal, fd, hex };

struct CallContext {
    CallRecord& call;
    TraceeMemory& memory;
    const DecodeOptions& options;
    const FdText& fd_text;

    ResultForm result_form = ResultForm::decimal;
    std::string result_detail;  // strace's " (...)" after the number

    uint64_t arg(size_t index) const { return call.entry.args[index]; }
    int32_t int_arg(size_t index) const { return static_cast<int32_t>(arg(index)); }
    bool succeeded() const { return call.exit && !call.exit->failed; }
    int64_t returned() const { return call.exit ? call.exit->value : 0; }
    // The i-th value kept at entry, if decode_entry ran and kept it.
    std::optional<uint64_t> entry_value(size_t index) const {
        if (index >= call.entry_values.size()) return std::nullopt;
        return call.entry_values[index];
    }

    Value fd(int64_t number) const { return fd_value(fd_text, call.entry.pid, number); }
    Value fd_arg(size_t index) const { return fd(int_arg(index)); }
    FdValue fd_renderer() const {
        return [this](int64_t number) { return fd(number); };
    }
    void add(Value value) { call.args.push_back(std::move(value)); }
};

using CallDecoderFn = void (*)(CallContext&);

}  // namespace netlens::trace
