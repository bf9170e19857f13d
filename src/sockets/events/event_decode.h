// A socket-destroy broadcast (sock_diag multicast, -E) decoded into a Socket: the
// message is an inet_diag_msg like a dump reply, but since it answers no request the
// protocol comes in its INET_DIAG_PROTOCOL attribute. nullopt for anything else.
#pragma once

#include <libmnl/libmnl.h>

#include <optional>

#include "sockets/model.h"

namespace netlens::sockets {

std::optional<Socket> decode_socket_event(const nlmsghdr* message);

}  // namespace netlens::sockets
