#include "trace/signal_set.h"

#include <strings.h>

#include <charconv>
#include <string>

#include "trace/decode/siginfo.h"

namespace netlens::trace {

namespace {

// The signal a word names, by number or by name as signal_name() spells it.
int signal_number(std::string_view word) {
    int number = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
    if (error == std::errc{} && end == word.data() + word.size()) return number > 0 && number < kSignalSlots ? number : 0;
    const std::string wanted = (word.size() > 3 && strncasecmp(word.data(), "SIG", 3) == 0) ? std::string(word)
                                                                                          : "SIG" + std::string(word);
    for (int signal = 1; signal < kSignalSlots; ++signal) {
        if (strcasecmp(signal_name(signal).c_str(), wanted.c_str()) == 0) return signal;
    }
    return 0;
}

}  // namespace

SignalSet all_signals() {
    SignalSet set;
    set.set();
    set.reset(0);
    return set;
}

Result<SignalSet> parse_signal_set(std::string_view expression) {
    const bool negate = !expression.empty() && expression.front() == '!';
    if (negate) expression.remove_prefix(1);
    SignalSet set;
    while (true) {
        const size_t comma = expression.find(',');
        const std::string_view word = expression.substr(0, comma);
        if (word == "all") {
            set |= all_signals();
        } else if (word != "none") {
            const int signal = signal_number(word);
            if (signal == 0) return Error{ExitCode::usage, "invalid signal '" + std::string(word) + "'"};
            set.set(static_cast<size_t>(signal));
        }
        if (comma == std::string_view::npos) break;
        expression.remove_prefix(comma + 1);
    }
    return negate ? (~set & all_signals()) : set;
}

}  // namespace netlens::trace
