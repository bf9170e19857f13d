// Which calls `netlens trace` shows: strace's -e trace=EXPR and -e status=SET grammars,
// and the default set (network calls, plus data/fd/wait calls on sockets and opens of the
// resolver's files).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "trace/syscalls/syscall_table.h"

namespace netlens::trace {

// When a call in the set is shown.
enum class ShowWhen : uint8_t {
    never,
    always,
    fd_is_socket,  // its fd argument refers to a socket (read, close, poll...)
    dns_path,      // it opens one of the resolver's files (is_dns_path)
};

struct TraceSet {
    std::vector<ShowWhen> by_number = std::vector<ShowWhen>(kSyscallNumberLimit, ShowWhen::never);

    bool contains(long number) const;  // shown in some case
    ShowWhen when(long number) const;  // never for numbers out of range
};

// strace's -e trace=EXPR: a comma list of names, %CLASS (%net, %network, %desc, %file,
// %process, %signal, %ipc, %memory; also without %), all, none, /REGEX (POSIX extended,
// searched in the name), ?NAME (unknown names ignored); a leading ! negates the whole list.
// An unknown word is a usage error naming it.
Result<TraceSet> parse_trace_set(std::string_view expression);

// The set `netlens trace` shows without -e trace.
TraceSet default_trace_set();

// /etc/resolv.conf, /etc/hosts, /etc/nsswitch.conf: the files whose opens the default set shows.
bool is_dns_path(std::string_view path);

// strace's -e status=SET: which outcomes are shown.
namespace call_status {
inline constexpr uint32_t kSuccessful = 1u << 0;
inline constexpr uint32_t kFailed = 1u << 1;
inline constexpr uint32_t kUnfinished = 1u << 2;
inline constexpr uint32_t kUnavailable = 1u << 3;
inline constexpr uint32_t kDetached = 1u << 4;
inline constexpr uint32_t kAll = (1u << 5) - 1;
}  // namespace call_status

// A comma list of successful, failed, unfinished, unavailable, detached, all, none; a
// leading ! negates it. Returns call_status bits.
Result<uint32_t> parse_status_set(std::string_view expression);

}  // namespace netlens::trace
