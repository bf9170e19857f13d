// Packet (-0) and netlink (-A netlink) sockets written the way ss writes them
// (iproute2 6.1 packet_stats_print / packet_show_sock and netlink_show_one):
//   p_raw UNCONN 0 0   ip:eth0   *   users:(...) ino:12 sk:3
//           ver:0 cpy_thresh:0 flags( running )
//           bpf filter (2):  0x28 0 0 12, 0x06 0 0 65535,
//   nl    UNCONN 0 0 rtnl:python3/413   *   sk=0 cb=0 groups=0x00000001
#pragma once

#include <string>

#include "sockets/model.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/present/socket_extras_text.h"

namespace netlens::sockets {

// True for the sockets this file writes.
inline bool has_kind_text(const Socket& socket) { return socket.packet || socket.netlink; }

// Packet: the protocol name ("*" for every protocol, "[N]" without a name or with -n)
// and the bound interface ("*" for none). Netlink: the protocol name and the port id's
// owner ("kernel", "comm/pid", the number with -n, "*" for -1).
EndpointCells kind_local_cells(const Socket& socket, const InterfaceNamer& interface_name, bool numeric);
// "*" for both, or a connected netlink socket's "group:" and "portid".
EndpointCells kind_peer_cells(const Socket& socket);

// Everything ss writes after the peer, in its order; where ss starts a line of its own
// (packet -e and -b details without -O) the text holds "\n\t".
std::string kind_extras_text(const Socket& socket, const ExtrasOptions& options);

// "rtnl", "tcpdiag", ... or the number.
std::string netlink_protocol_text(uint8_t protocol, bool numeric);
// "ip", "*" (ETH_P_ALL), or "[N]".
std::string packet_protocol_text(uint16_t protocol, bool numeric);

}  // namespace netlens::sockets
