#include "trace/number_set.h"

#include <strings.h>

#include <charconv>
#include <climits>
#include <optional>
#include <string>

#include "trace/decode/siginfo.h"

namespace netlens::trace {

namespace {

constexpr int kLastSignal = 64;

std::optional<int> number_in(std::string_view word, int low, int high) {
    int number = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
    if (error != std::errc{} || end != word.data() + word.size() || number < low || number > high) return std::nullopt;
    return number;
}

// A signal by number or by name as signal_name() spells it.
std::optional<int> signal_item(std::string_view word) {
    if (!word.empty() && word.front() >= '0' && word.front() <= '9') return number_in(word, 1, kLastSignal);
    const std::string wanted = (word.size() > 3 && strncasecmp(word.data(), "SIG", 3) == 0) ? std::string(word)
                                                                                          : "SIG" + std::string(word);
    for (int signal = 1; signal <= kLastSignal; ++signal) {
        if (strcasecmp(signal_name(signal).c_str(), wanted.c_str()) == 0) return signal;
    }
    return std::nullopt;
}

std::optional<int> descriptor_item(std::string_view word) { return number_in(word, 0, INT_MAX); }

template <typename Item>
Result<NumberSet> parse_set(std::string_view expression, Item item, std::string_view what) {
    NumberSet set;
    set.negated = !expression.empty() && expression.front() == '!';
    if (set.negated) expression.remove_prefix(1);
    while (true) {
        const size_t comma = expression.find(',');
        const std::string_view word = expression.substr(0, comma);
        if (word == "all") {
            set.all = true;
        } else if (word != "none") {
            const auto number = item(word);
            if (!number) return Error{ExitCode::usage, "invalid " + std::string(what) + " '" + std::string(word) + "'"};
            set.numbers.insert(*number);
        }
        if (comma == std::string_view::npos) break;
        expression.remove_prefix(comma + 1);
    }
    return set;
}

}  // namespace

Result<NumberSet> parse_signal_set(std::string_view expression) { return parse_set(expression, signal_item, "signal"); }

Result<NumberSet> parse_descriptor_set(std::string_view expression) {
    return parse_set(expression, descriptor_item, "descriptor");
}

}  // namespace netlens::trace
