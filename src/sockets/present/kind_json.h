// JSON fields of packet and netlink sockets (and MPTCP's -i), in place of the inet
// address fields: what packet_diag / netlink_diag / MPTCP_INFO said, numbers as numbers.
#pragma once

#include "core/json_record.h"
#include "sockets/model.h"
#include "sockets/present/endpoint_text.h"

namespace netlens::sockets {

// Appends the packet or netlink socket's own fields, and "local"/"peer" as ss prints them.
void append_kind_json(JsonRecord& record, const Socket& socket, const InterfaceNamer& interface_name);

JsonRecord mptcp_info_json(const MptcpInfo& info);

}  // namespace netlens::sockets
