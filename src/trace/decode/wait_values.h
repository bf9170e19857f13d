// What the readiness waits take and give back: pollfd arrays (events at entry, revents at
// exit), fd_set bitmaps (select), epoll_event, and the timespec/timeval/sigset arguments.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "trace/decode/msghdr.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// [{fd=3, events=POLLIN}, ...] (at most -s entries).
Value pollfd_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, size_t limit, const FdValue& fd_value);
// The revents part of poll's result: [{fd=3, revents=POLLIN}] for the entries that have any.
std::string pollfd_revents_text(TraceeMemory& memory, uint64_t address, uint64_t count, const FdValue& fd_value);

// The fds set in a select bitmap of `nfds` bits: "[3 5]" (json: the array of fds).
Value fd_set_value(std::span<const uint64_t> words, uint64_t nfds, const FdValue& fd_value);
// The 64-bit words of a select bitmap of `nfds` bits (at most FD_SETSIZE), empty when unreadable.
std::vector<uint64_t> read_fd_set(TraceeMemory& memory, uint64_t address, uint64_t nfds);

// {events=EPOLLIN, data={u32=3, u64=3}}; an array of `count` of them for epoll_wait.
Value epoll_event_value(TraceeMemory& memory, uint64_t address);
Value epoll_event_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, size_t limit);

// {tv_sec=1, tv_nsec=0} / {tv_sec=1, tv_usec=0} from the two fields.
Value timespec_value(int64_t seconds, int64_t nanoseconds);
Value timeval_value(int64_t seconds, int64_t microseconds);
// A sigset: [] or [INT TERM] (signal names without SIG).
Value sigset_value(TraceeMemory& memory, uint64_t address, uint64_t size);

}  // namespace netlens::trace
