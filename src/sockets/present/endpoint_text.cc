#include "sockets/present/endpoint_text.h"

#include <net/if.h>

#include <sys/socket.h>

#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

std::string kernel_interface_name(uint32_t ifindex) {
    char name[IF_NAMESIZE] = {};
    return if_indextoname(ifindex, name) != nullptr ? name : std::to_string(ifindex);
}

namespace {

bool unspecified(const IpAddress& address) {
    for (size_t i = 0; i < address.size(); ++i) {
        if (address.bytes[i] != 0) return false;
    }
    return true;
}

// An unspecified IPv6 address is "*" unless the socket is IPv6-only: then it serves
// IPv4 too (ss's inet_addr_print).
std::string host_text(const Endpoint& endpoint, const std::string& interface, bool v6only) {
    std::string host = endpoint.address.to_string();
    if (endpoint.address.family == AF_INET6) host = !v6only && unspecified(endpoint.address) ? "*" : "[" + host + "]";
    if (!interface.empty()) host += "%" + interface;
    return host;
}

}  // namespace

std::string address_text(const Endpoint& endpoint) { return endpoint.address.to_string(); }

std::string local_text(const Socket& socket, const InterfaceNamer& interface_name) {
    if (is_unix(socket.protocol)) {
        return (socket.local.path.empty() ? "*" : socket.local.path) + " " + std::to_string(socket.inode);
    }
    const std::string interface = socket.local.scope_ifindex != 0 && interface_name
                                      ? interface_name(socket.local.scope_ifindex)
                                      : "";
    const bool wildcard_port = socket.local.port == 0 && socket.protocol != Protocol::raw;
    return host_text(socket.local, interface, socket.v6only) + ":" + (wildcard_port ? "*" : std::to_string(socket.local.port));
}

std::string peer_text(const Socket& socket) {
    if (is_unix(socket.protocol)) return "* " + std::to_string(socket.peer_inode);
    const bool unconnected = socket.peer.port == 0 && unspecified(socket.peer.address);
    return host_text(socket.peer, "", socket.v6only) + ":" + (unconnected || socket.peer.port == 0 ? "*" : std::to_string(socket.peer.port));
}

}  // namespace netlens::sockets
