// /proc/net/sockstat and sockstat6: per-protocol socket counts the kernel keeps
// ("TCP: inuse 1 orphan 0 tw 2 alloc 3 mem 1"), the source of ss -s and of the
// orphan count that tcp_max_orphans limits.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace netlens::proc {

// protocol ("TCP", "sockets") -> field ("inuse") -> value
using Sockstat = std::map<std::string, std::map<std::string, int64_t, std::less<>>, std::less<>>;

// Lines that do not parse are skipped; the error names the first one (1-based) so a
// caller can report partial results.
struct SockstatParse {
    Sockstat values;
    std::optional<size_t> first_bad_line;
};
SockstatParse parse_sockstat(std::string_view text);

// The value, or 0 when absent.
int64_t sockstat_value(const Sockstat& sockstat, std::string_view protocol, std::string_view field);

// One counter of /proc/net/snmp, where each protocol has a line of names and a line of
// values ("Tcp: ... CurrEstab ..." then "Tcp: ... 3 ..."): ss -s takes its "estab" from
// Tcp CurrEstab. nullopt when the protocol, the name or its value is missing.
std::optional<int64_t> snmp_value(std::string_view text, std::string_view protocol, std::string_view field);

}  // namespace netlens::proc
