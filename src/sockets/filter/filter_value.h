// The values in filter terms, read the way ss (iproute2 6.1) reads them, so a filter
// that ss accepts selects the same sockets here: HOST and PORT values (numbers in C
// notation, service names from /etc/services, host names from the resolver, UNIX
// globs), interface names, marks and cgroup paths.
// Errors carry ExitCode::usage and say what was expected, without naming the word;
// the parser adds "filter: word N '...'" in front.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "sockets/filter/filter.h"

namespace netlens::sockets {

struct HostValue {
    HostPattern pattern;
    // The family the value was read in when one was fixed ("unix:", "inet:", "inet6:"
    // or the context's preferred family), else AF_UNSPEC. ss then shows only it.
    int fixed_family = AF_UNSPEC;
};

// A value after src/dst (is_port false) or sport/dport (is_port true: the whole value
// is the port, ":22", "22", "ssh", "*").
Result<HostValue> parse_host_value(std::string_view text, bool is_port, const FilterContext& context);

// The index of `dev`'s value where netlens runs: an interface name ("eth0", "if3") or
// an index ("3", "0x3"), as ss's parse_devcond reads it.
Result<uint32_t> parse_device_value(std::string_view text);
// The value read as an index ("if3", "3", "0x3"), for a namespace without that name.
std::optional<uint32_t> device_number(std::string_view text);

struct MarkValue {
    uint32_t mark = 0;
    uint32_t mask = 0xFFFFFFFF;
};
// "0x10", "16/0xff" after `fwmark`.
Result<MarkValue> parse_mark_value(std::string_view text);

// A cgroup v2 path after `cgroup`: a file system path, or a path inside the cgroup2
// mount ("/system.slice"); the id is the one the kernel reports for sockets.
Result<uint64_t> parse_cgroup_value(std::string_view text);

}  // namespace netlens::sockets
