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
     "the kernel has no ethtool netlink family or refused a query; partial when its replies cannot be decoded "
     "or a replayed ethtool answer is missing"},
    {"netns", "NAME", "the namespace could not be entered (with `--all-netns`)"},
    {"process attribution", "", "some processes' fds could not be read (not root): their sockets show no owner"},
    {"raw sockets", "", "the kernel has no raw socket diagnostics (raw_diag)"},
    {"sysctl", "NAME", "a sysctl under /proc/sys/net could not be read or is not a number"},
    {"sockstat", "", "/proc/net/sockstat or sockstat6 could not be read; partial when a line does not parse"},
    {"tcp.local_port_exhaustion", "", "ip_local_port_range could not be read or parsed"},
    // Partial results (exit 3): the rows shown lack what could not be decoded.
    {"link dump", "", "partial: some link messages could not be decoded"},
    {"address dump", "", "partial: some address messages could not be decoded"},
    {"neighbour dump", "", "partial: some neighbour messages could not be decoded"},
    {"route dump", "", "partial: some route messages could not be decoded, or the table changed during the dump"},
    {"socket dump", "", "partial: some sock_diag messages could not be decoded"},
    {"replay", "", "partial: the --replay file is cut or damaged; what comes before the damage is replayed"},
};

// A row of kSkippedChecks, chosen by name at compile time.
using SkippedCheck = NamedRow<kSkippedChecks, &SkippedCheckEntry::name>;

}  // namespace netlens
