// The checks that can be reported as skipped (or, for damaged input, as partial), in one
// table: the name a skipped entry carries and when it happens. Diagnosis::skip and
// ::damaged take a SkippedCheck, made at compile time from a name in this table, so a
// check cannot be named two ways; and docs/findings.md lists them from here.
#pragma once

#include <string_view>

#include "core/named_row.h"

namespace netlens {

struct SkippedCheckEntry {
    std::string_view name;     // "nic.driver_counters"; a finding id when a finding's check is skipped
    std::string_view subject;  // what follows the name in a report ("netns blue"), for the docs; or empty
    std::string_view when;     // when and why it is skipped, for the docs
};

inline constexpr SkippedCheckEntry kSkippedChecks[] = {
    {"link.errors_rising", "",
     "needs two samples: run with `--interval SECONDS`; partial when the second sample fails"},
    {"nic.driver_counters", "", "the driver has no ethtool statistics (loopback, some virtual devices)"},
    {"ethtool", "",
     "the kernel has no ethtool netlink family or refused a query, or a replayed recording holds no ethtool "
     "answers (it was made before they were recorded); partial when its replies cannot be decoded"},
    {"proxy neighbours", "", "a replayed recording holds no proxy neighbour dump (it was made before one was recorded)"},
    {"iproute2 names", "",
     "a name database of /etc/iproute2 (rt_protos, rt_tables, rt_scopes, rt_realms, rt_dsfield, group) could not be "
     "read or is corrupted, or a replayed recording does not hold it: numbers are named by ip's built-in names"},
    {"netns", "NAME", "the namespace could not be entered (with `--all-netns`)"},
    {"process attribution", "", "some processes' fds could not be read (not root): their sockets show no owner"},
    {"raw sockets", "", "the kernel has no raw socket diagnostics (raw_diag) and /proc/net/raw or raw6 cannot be read"},
    {"socket diag", "PROTOCOL", "the kernel refused the sock_diag dump of a protocol (its diag module is missing)"},
    {"socket table", "NAME",
     "a kind of socket asked for (-A, -f, -0, -M, -S, -d, --vsock, --tipc, --xdp) is not read: the kernel has no "
     "diagnostics for it, or netlens does not read that kind yet"},
    {"socket kill", "", "-K: a socket could not be closed (the kernel cannot close that kind, or it was already gone)"},
    {"sysctl", "NAME", "a sysctl under /proc/sys/net could not be read or is not a number"},
    {"sockstat", "", "/proc/net/sockstat or sockstat6 could not be read; partial when a line does not parse"},
    {"snmp", "", "partial: /proc/net/snmp could not be read or has no Tcp CurrEstab (the estab count of `sockets -s`)"},
    {"tcp.local_port_exhaustion", "", "ip_local_port_range could not be read or parsed"},
    // Partial results (exit 3): the rows shown lack what could not be decoded.
    {"link dump", "", "partial: some link messages could not be decoded"},
    {"address dump", "", "partial: some address messages could not be decoded"},
    {"neighbour dump", "", "partial: some neighbour messages could not be decoded"},
    {"route dump", "", "partial: some route messages could not be decoded, or the table changed during the dump"},
    {"nexthop dump", "",
     "the kernel has no nexthop objects (before 5.3): routes naming one show no resolved nexthops; "
     "partial when some nexthop messages could not be decoded"},
    {"socket dump", "", "partial: some sock_diag messages or /proc/net/raw lines could not be decoded"},
    {"socket events", "", "partial: -E events came faster than they were read and the kernel dropped some"},
    {"replay", "", "partial: the --replay file is cut or damaged; what comes before the damage is replayed"},
};

// A row of kSkippedChecks, chosen by name at compile time.
using SkippedCheck = NamedRow<kSkippedChecks, &SkippedCheckEntry::name>;

}  // namespace netlens
