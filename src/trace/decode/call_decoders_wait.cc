// Readiness waits. The kernel rewrites select's sets and the timeouts in place, so the
// entry stop keeps what was asked (call.entry_values) and the exit shows what came back
// in strace's result detail: "1 (in [5], left {tv_sec=0, tv_usec=997})".
#include <array>
#include <string>

#include "trace/decode/call_decoders.h"
#include "trace/decode/constants.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"
#include "trace/decode/wait_values.h"

namespace netlens::trace::call_decoders {
namespace {

using TimePair = std::array<int64_t, 2>;  // seconds and the fraction (usec or nsec)
using TimeValueFn = Value (*)(int64_t, int64_t);

// Entry values of select/pselect6: [timeout given, seconds, fraction], then for each of
// the three sets [given, words...], with the word count fixed by nfds.
constexpr size_t kSetsStart = 3;

uint64_t fd_set_words(uint64_t nfds) { return (std::min<uint64_t>(nfds, 1024) + 63) / 64; }

Value time_pointer(const CallContext& context, size_t arg, TimeValueFn make) {
    const auto time = read_object<TimePair>(context.memory, context.arg(arg));
    return time ? make((*time)[0], (*time)[1]) : pointer_value(context.arg(arg));
}

// The timeout as it was at entry when it was kept, else as it is now.
Value entry_timeout(const CallContext& context, size_t arg, size_t kept_index, TimeValueFn make) {
    if (context.entry_value(kept_index).value_or(0) == 1)
        return make(static_cast<int64_t>(*context.entry_value(kept_index + 1)), static_cast<int64_t>(*context.entry_value(kept_index + 2)));
    return time_pointer(context, arg, make);
}

std::string left_text(const CallContext& context, size_t arg, TimeValueFn make) {
    const auto time = read_object<TimePair>(context.memory, context.arg(arg));
    if (!time) return {};
    Value left = make((*time)[0], (*time)[1]);
    std::string text = "left {";
    for (size_t i = 0; i < left.children.size(); ++i)
        text += (i ? ", " : "") + left.children[i].name + "=" + left.children[i].text;
    return text + "}";
}

void keep_time(CallContext& context, size_t arg) {
    const auto time = read_object<TimePair>(context.memory, context.arg(arg));
    context.call.entry_values.push_back(time ? 1 : 0);
    context.call.entry_values.push_back(time ? static_cast<uint64_t>((*time)[0]) : 0);
    context.call.entry_values.push_back(time ? static_cast<uint64_t>((*time)[1]) : 0);
}

// The first five arguments of select and pselect6 and the result detail they share.
void select_like(CallContext& context, TimeValueFn make) {
    const uint64_t nfds = static_cast<uint32_t>(context.arg(0));
    const uint64_t words = fd_set_words(nfds);
    const FdValue fd = context.fd_renderer();
    context.add(signed_value(context.int_arg(0)));
    for (size_t set = 0; set < 3; ++set) {
        const uint64_t pointer = context.arg(1 + set);
        const size_t kept = kSetsStart + set * (1 + words);
        if (pointer == 0) {
            context.add(pointer_value(0));
        } else if (context.entry_value(kept).value_or(0) == 1 && context.call.entry_values.size() >= kept + 1 + words) {
            const std::span<const uint64_t> bits(context.call.entry_values.data() + kept + 1, words);
            context.add(fd_set_value(bits, nfds, fd));
        } else {
            const auto bits = read_fd_set(context.memory, pointer, nfds);
            context.add(bits.empty() && words > 0 ? pointer_value(pointer) : fd_set_value(bits, nfds, fd));
        }
    }
    context.add(entry_timeout(context, 4, 0, make));
    if (!context.succeeded()) return;
    if (context.returned() == 0) {
        context.result_detail = " (Timeout)";
        return;
    }
    static constexpr const char* kSetNames[] = {"in", "out", "except"};
    std::string detail;
    for (size_t set = 0; set < 3; ++set) {
        if (context.arg(1 + set) == 0) continue;
        const auto bits = read_fd_set(context.memory, context.arg(1 + set), nfds);
        const Value ready = fd_set_value(bits, nfds, fd);
        if (ready.text == "[]") continue;
        detail += (detail.empty() ? "" : ", ") + std::string(kSetNames[set]) + " " + ready.text;
    }
    if (context.arg(4) != 0) {
        const std::string left = left_text(context, 4, make);
        if (!left.empty()) detail += (detail.empty() ? "" : ", ") + left;
    }
    if (!detail.empty()) context.result_detail = " (" + detail + ")";
}

void poll_result(CallContext& context, std::string extra) {
    if (!context.succeeded()) return;
    if (context.returned() == 0) {
        context.result_detail = " (Timeout)";
        return;
    }
    std::string detail = pollfd_revents_text(context.memory, context.arg(0), static_cast<uint32_t>(context.arg(1)), context.fd_renderer());
    if (!extra.empty()) detail += ", " + extra;
    context.result_detail = " (" + detail + ")";
}

}  // namespace

void poll(CallContext& context) {
    const uint64_t count = static_cast<uint32_t>(context.arg(1));
    context.add(pollfd_array_value(context.memory, context.arg(0), count, context.options.string_limit, context.fd_renderer()));
    context.add(unsigned_value(count));
    context.add(signed_value(context.int_arg(2)));
    poll_result(context, {});
}

void keep_ppoll_timeout(CallContext& context) { keep_time(context, 2); }

void ppoll(CallContext& context) {
    const uint64_t count = static_cast<uint32_t>(context.arg(1));
    context.add(pollfd_array_value(context.memory, context.arg(0), count, context.options.string_limit, context.fd_renderer()));
    context.add(unsigned_value(count));
    context.add(entry_timeout(context, 2, 0, timespec_value));
    context.add(sigset_value(context.memory, context.arg(3), context.arg(4)));
    context.add(unsigned_value(context.arg(4)));
    poll_result(context, context.arg(2) != 0 ? left_text(context, 2, timespec_value) : std::string());
}

void keep_select_state(CallContext& context) {
    const uint64_t nfds = static_cast<uint32_t>(context.arg(0));
    const uint64_t words = fd_set_words(nfds);
    context.call.entry_values.clear();
    keep_time(context, 4);
    for (size_t set = 0; set < 3; ++set) {
        auto bits = context.arg(1 + set) == 0 ? std::vector<uint64_t>{} : read_fd_set(context.memory, context.arg(1 + set), nfds);
        const bool kept = bits.size() == words;
        context.call.entry_values.push_back(kept ? 1 : 0);
        bits.resize(words);
        context.call.entry_values.insert(context.call.entry_values.end(), bits.begin(), bits.end());
    }
}

void select(CallContext& context) { select_like(context, timeval_value); }

void pselect6(CallContext& context) {
    select_like(context, timespec_value);
    // The sixth argument is {sigset pointer, its size}.
    const auto data = read_object<std::array<uint64_t, 2>>(context.memory, context.arg(5));
    if (!data) {
        context.add(pointer_value(context.arg(5)));
        return;
    }
    context.add(structure({named("sigmask", sigset_value(context.memory, (*data)[0], (*data)[1])),
                           named("sigsetsize", unsigned_value((*data)[1]))}));
}

void epoll_create1(CallContext& context) {
    context.add(flags_value(constants::epoll_create_flags(), static_cast<uint32_t>(context.arg(0))));
    context.result_form = ResultForm::fd;
}

void epoll_ctl(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(constant_value(constants::epoll_ctl_ops(), static_cast<uint32_t>(context.arg(1)), "EPOLL_CTL"));
    context.add(context.fd_arg(2));
    context.add(context.arg(3) == 0 ? pointer_value(0) : epoll_event_value(context.memory, context.arg(3)));
}

void epoll_wait(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(context.succeeded() ? epoll_event_array_value(context.memory, context.arg(1), static_cast<uint64_t>(context.returned()),
                                                              context.options.string_limit)
                                    : pointer_value(context.arg(1)));
    context.add(signed_value(context.int_arg(2)));
    context.add(signed_value(context.int_arg(3)));
}

void epoll_pwait(CallContext& context) {
    epoll_wait(context);
    context.add(sigset_value(context.memory, context.arg(4), context.arg(5)));
    context.add(unsigned_value(context.arg(5)));
}

}  // namespace netlens::trace::call_decoders
