// Netlink sockets (AF_NETLINK, ss -A netlink) over netlink_diag: the dump request ss
// sends (every protocol, groups and memory) and the decoder of its replies.
#pragma once

#include <libmnl/libmnl.h>

#include <functional>
#include <optional>

#include "core/error.h"
#include "core/finding.h"
#include "netlink/channel.h"
#include "sockets/model.h"
#include "source/source.h"

namespace netlens::sockets {

// A netlink_diag_msg with its attributes; nullopt when it is not one we can read. The
// local address holds the netlink protocol as ss's filter sees it (its first word).
std::optional<Socket> decode_netlink_socket(const nlmsghdr* message);

// Sets the socket's owner_command to the name of the process whose pid is its port id,
// read from /proc/PID/stat through `source` as ss reads it; left "" when there is none.
void name_netlink_owner(source::Source& source, Socket& socket);

Result<netlink::Done> dump_netlink_sockets(netlink::Channel& diag, const std::function<void(Socket&&)>& sink,
                                           Diagnosis& diagnosis);

}  // namespace netlens::sockets
