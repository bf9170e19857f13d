// Asking the kernel which capabilities we hold, so a command can report
// "skipped: needs CAP_NET_ADMIN" for one check instead of failing as a whole.
#pragma once

#include <string>

namespace netlens {

enum class Capability { net_admin = 12, net_raw = 13, sys_admin = 21, sys_ptrace = 19, bpf = 39 };

bool has_capability(Capability capability);
std::string capability_name(Capability capability);  // "CAP_NET_ADMIN"
std::string needs(Capability capability);            // "needs CAP_NET_ADMIN"

}  // namespace netlens
