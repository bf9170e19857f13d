// The trace set is a vector by syscall number; each word of an expression adds numbers
// to it, and a leading ! flips the result (so "!%net,close" is everything but the
// network calls and close, as in strace).
#include "trace/syscalls/trace_set.h"

#include <regex>
#include <string>

namespace netlens::trace {
namespace {

struct ClassName {
    std::string_view word;
    uint32_t bits;
};

// Both spellings strace accepts: %CLASS and the older bare CLASS.
constexpr ClassName kClassNames[] = {
    {"%net", syscall_class::kNetwork},  {"%network", syscall_class::kNetwork},
    {"network", syscall_class::kNetwork}, {"%desc", syscall_class::kDesc},
    {"desc", syscall_class::kDesc},     {"%file", syscall_class::kFile},
    {"file", syscall_class::kFile},     {"%process", syscall_class::kProcess},
    {"process", syscall_class::kProcess}, {"%signal", syscall_class::kSignal},
    {"signal", syscall_class::kSignal}, {"%ipc", syscall_class::kIpc},
    {"ipc", syscall_class::kIpc},       {"%memory", syscall_class::kMemory},
    {"memory", syscall_class::kMemory},
};

Error invalid_word(std::string_view word) {
    return Error{ExitCode::usage, "invalid system call '" + std::string(word) + "'"};
}

void add_class(TraceSet& set, uint32_t bits) {
    for (const SyscallSpec& spec : all_syscalls())
        if (spec.classes & bits) set.by_number[static_cast<size_t>(spec.number)] = ShowWhen::always;
}

// Adds the numbers one word names; false when the word names none and is not ?-prefixed.
Result<bool> add_word(TraceSet& set, std::string_view word) {
    const bool optional = !word.empty() && word.front() == '?';
    if (optional) word.remove_prefix(1);
    if (word == "all") {
        for (const SyscallSpec& spec : all_syscalls())
            set.by_number[static_cast<size_t>(spec.number)] = ShowWhen::always;
        return true;
    }
    if (word == "none") return true;
    for (const ClassName& name : kClassNames) {
        if (name.word == word) {
            add_class(set, name.bits);
            return true;
        }
    }
    if (!word.empty() && word.front() == '/') {
        std::regex pattern;
        try {
            pattern = std::regex(std::string(word.substr(1)), std::regex::extended | std::regex::nosubs);
        } catch (const std::regex_error&) {
            return Error{ExitCode::usage, "invalid regular expression '" + std::string(word.substr(1)) + "'"};
        }
        bool matched = false;
        for (const SyscallSpec& spec : all_syscalls()) {
            if (std::regex_search(spec.name.begin(), spec.name.end(), pattern)) {
                set.by_number[static_cast<size_t>(spec.number)] = ShowWhen::always;
                matched = true;
            }
        }
        if (!matched && !optional) return invalid_word(word);
        return true;
    }
    if (const auto number = syscall_number(word)) {
        set.by_number[static_cast<size_t>(*number)] = ShowWhen::always;
        return true;
    }
    if (optional) return true;
    return invalid_word(word);
}

// The words of a comma list; an empty list is one empty word.
std::vector<std::string_view> split_commas(std::string_view list) {
    std::vector<std::string_view> words;
    size_t start = 0;
    while (true) {
        const size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) {
            words.push_back(list.substr(start));
            return words;
        }
        words.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
}

}  // namespace

bool TraceSet::contains(long number) const { return when(number) != ShowWhen::never; }

ShowWhen TraceSet::when(long number) const {
    if (number < 0 || static_cast<size_t>(number) >= by_number.size()) return ShowWhen::never;
    return by_number[static_cast<size_t>(number)];
}

Result<TraceSet> parse_trace_set(std::string_view expression) {
    const bool negate = !expression.empty() && expression.front() == '!';
    if (negate) expression.remove_prefix(1);
    TraceSet set;
    for (const std::string_view word : split_commas(expression)) {
        if (word.empty()) return invalid_word(word);
        if (auto added = add_word(set, word); !added) return added.error();
    }
    if (negate) {
        for (const SyscallSpec& spec : all_syscalls()) {
            ShowWhen& when = set.by_number[static_cast<size_t>(spec.number)];
            when = when == ShowWhen::never ? ShowWhen::always : ShowWhen::never;
        }
    }
    return set;
}

TraceSet default_trace_set() {
    using namespace syscall_class;
    TraceSet set;
    for (const SyscallSpec& spec : all_syscalls()) {
        ShowWhen when = ShowWhen::never;
        if (spec.classes & kNetwork) when = ShowWhen::always;
        else if (spec.classes & (kSocketIo | kFdLife | kPollWait)) when = ShowWhen::fd_is_socket;
        else if (spec.classes & kDnsPath) when = ShowWhen::dns_path;
        set.by_number[static_cast<size_t>(spec.number)] = when;
    }
    return set;
}

bool is_dns_path(std::string_view path) {
    return path == "/etc/resolv.conf" || path == "/etc/hosts" || path == "/etc/nsswitch.conf";
}

Result<uint32_t> parse_status_set(std::string_view expression) {
    struct StatusName {
        std::string_view word;
        uint32_t bits;
    };
    static constexpr StatusName kNames[] = {
        {"successful", call_status::kSuccessful}, {"failed", call_status::kFailed},
        {"unfinished", call_status::kUnfinished}, {"unavailable", call_status::kUnavailable},
        {"detached", call_status::kDetached},     {"all", call_status::kAll},
        {"none", 0},
    };
    const bool negate = !expression.empty() && expression.front() == '!';
    if (negate) expression.remove_prefix(1);
    uint32_t bits = 0;
    for (const std::string_view word : split_commas(expression)) {
        bool known = false;
        for (const StatusName& name : kNames) {
            if (name.word == word) {
                bits |= name.bits;
                known = true;
            }
        }
        if (!known) return Error{ExitCode::usage, "invalid status '" + std::string(word) + "'"};
    }
    return negate ? (~bits & call_status::kAll) : bits;
}

}  // namespace netlens::trace
