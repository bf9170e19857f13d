// MPTCP_INFO as ss -i prints it for an MPTCP socket (iproute2 6.1 mptcp_stats_print):
// each nonzero field, " subflows:1 ... token:5a3b1c2d write_seq:1f...".
#pragma once

#include <string>

#include "sockets/model.h"

namespace netlens::sockets {

void append_mptcp_info_text(std::string& out, const MptcpInfo& info);

}  // namespace netlens::sockets
