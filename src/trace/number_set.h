// strace's set syntax for -e signal=SET, -e read=SET and -e write=SET: a comma list of
// items, "all" or "none", with a leading "!" to negate it. Items are signals (names with
// or without "SIG", any case, or numbers) or descriptors (numbers).
#pragma once

#include <set>
#include <string_view>

#include "core/error.h"

namespace netlens::trace {

struct NumberSet {
    bool all = false;
    bool negated = false;
    std::set<int> numbers;

    bool contains(int number) const { return (all || numbers.contains(number)) != negated; }
    static NumberSet everything() { return {.all = true}; }
};

Result<NumberSet> parse_signal_set(std::string_view expression);
Result<NumberSet> parse_descriptor_set(std::string_view expression);

}  // namespace netlens::trace
