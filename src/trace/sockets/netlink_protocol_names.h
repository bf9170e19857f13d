// Netlink protocol names as strace -yy shows a bound netlink socket ("NETLINK:[ROUTE:42]").
#pragma once

#include <string>

namespace netlens::trace {

// "ROUTE", "SOCK_DIAG", "GENERIC", ...; the number for one without a name.
std::string netlink_protocol_name(int protocol);

}  // namespace netlens::trace
