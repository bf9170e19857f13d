// Parsers for the /proc/sys/net values the socket advice needs, and a reader that
// opens them in the calling thread's network namespace (/proc/sys/net follows the
// namespace of whoever opens the file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netlens::proc {

struct PortRange {
    uint32_t low = 0;
    uint32_t high = 0;
    uint32_t size() const { return high >= low ? high - low + 1 : 0; }
};

// "32768\t60999\n" -> {32768, 60999}; nullopt for anything else.
std::optional<PortRange> parse_port_range(std::string_view text);
// "8080,9000-9010\n" -> how many of those ports fall inside `range`; nullopt when malformed.
std::optional<uint32_t> count_reserved_ports(std::string_view text, PortRange range);
// "2\n" -> 2
std::optional<int64_t> parse_integer(std::string_view text);

// The whole file, or nullopt when it cannot be read (absent sysctl, no permission).
std::optional<std::string> read_small_file(const std::string& path);

}  // namespace netlens::proc
