// Packet sockets (AF_PACKET, ss -0) over packet_diag: the dump request ss sends
// (info, memory, filter, rings, fanout) and the decoder of its replies.
#pragma once

#include <libmnl/libmnl.h>

#include <functional>
#include <optional>

#include "core/error.h"
#include "core/finding.h"
#include "netlink/channel.h"
#include "sockets/model.h"

namespace netlens::sockets {

// A packet_diag_msg with its attributes; nullopt when it is not one we can read.
// The socket's local address holds the Ethernet protocol as ss's filter sees it (its
// first word) and its scope the bound interface index.
std::optional<Socket> decode_packet_socket(const nlmsghdr* message);

// Every packet socket of the namespace, raw and datagram alike (ss lists both whichever
// of the two was asked for).
Result<netlink::Done> dump_packet_sockets(netlink::Channel& diag, const std::function<void(Socket&&)>& sink,
                                          Diagnosis& diagnosis);

}  // namespace netlens::sockets
