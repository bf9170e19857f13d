// Addresses and ports written the way ss writes them: "10.0.0.1:22", "[::1]:22",
// "0.0.0.0:*" for an unconnected peer, "127.0.0.53%lo:53" when bound to a device, and
// for UNIX sockets the path (or "@abstract", or "*") with the inode as the "port".
#pragma once

#include <functional>
#include <string>

#include "sockets/model.h"

namespace netlens::sockets {

// `interface_name` turns a scope ifindex into a name ("lo"); may return "" to omit.
using InterfaceNamer = std::function<std::string(uint32_t ifindex)>;

// The current namespace's name for an interface index, or the number when it has none.
std::string kernel_interface_name(uint32_t ifindex);

std::string address_text(const Endpoint& endpoint);
std::string local_text(const Socket& socket, const InterfaceNamer& interface_name);
std::string peer_text(const Socket& socket);

}  // namespace netlens::sockets
