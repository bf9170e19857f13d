// Addresses and ports written the way ss writes them: "10.0.0.1:22", "[::1]:22",
// "0.0.0.0:*" for an unconnected peer, "127.0.0.53%lo:53" when bound to a device, and
// for UNIX sockets the path (or "@abstract", or "*") with the inode as the "port".
#pragma once

#include <functional>
#include <string>

#include "sockets/model.h"
#include "sockets/present/endpoint_names.h"

namespace netlens::sockets {

// `interface_name` turns a scope ifindex into a name ("lo"); may return "" to omit.
using InterfaceNamer = std::function<std::string(uint32_t ifindex)>;

// The current namespace's name for an interface index, or the number when it has none.
std::string kernel_interface_name(uint32_t ifindex);

// kernel_interface_name behind a cache: each index is asked once per namer.
InterfaceNamer caching_interface_namer();

// The table's two cells for an endpoint, as ss splits them: "10.0.0.1:" (right-aligned
// under "Local Address:") and "ssh"; for UNIX sockets "path " and the inode. IPv6's
// any-address is "*" unless the socket is v6only, as ss shows dual-stack sockets.
struct EndpointCells {
    std::string address;
    std::string port;
};
EndpointCells local_cells(const Socket& socket, const InterfaceNamer& interface_name, EndpointNames& names);
EndpointCells peer_cells(const Socket& socket, EndpointNames& names);

std::string address_text(const Endpoint& endpoint);
std::string local_text(const Socket& socket, const InterfaceNamer& interface_name);
std::string peer_text(const Socket& socket);

}  // namespace netlens::sockets
