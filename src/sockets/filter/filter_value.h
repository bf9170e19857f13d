// The values in filter terms: ports ("22", ":22", "*:22") and HOST patterns. Numbers
// only — no service or host names, so a filter never waits on /etc/services or DNS.
// Errors carry ExitCode::usage and say what was expected, without naming the word;
// the parser adds "filter: word N '...'" in front.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "sockets/filter/filter.h"

namespace netlens::sockets {

// "22", ":22" or "*:22" after sport/dport.
Result<uint16_t> parse_port_value(std::string_view text);

// "*", "*:22", ":22", "10.0.0.1", "10.0.0.0/8", "10/8", "127.0.0.1:631", "10.0.0.0/8:22",
// "[::1]", "[::1]:22", "[fe80::]/10", "[fe80::/10]:22", "::1", "fe80::/10".
// An address without a prefix compares all its bits.
Result<HostPattern> parse_host_pattern(std::string_view text);

}  // namespace netlens::sockets
