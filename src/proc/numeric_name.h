// /proc lists processes as directories named by pid, and /proc/PID/fd lists descriptors
// named by number, next to entries that are not numbers ("self", "net", ".").
#pragma once

#include <optional>
#include <string_view>

namespace netlens::proc {

// The number a /proc entry name spells: decimal digits only (no sign, no spaces), fitting
// in an int. nullopt for every other name.
std::optional<int> parse_numeric_name(std::string_view name);

}  // namespace netlens::proc
