#include "sockets/present/endpoint_text.h"

#include <net/if.h>

#include <sys/socket.h>

#include <map>
#include <memory>

#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

std::string kernel_interface_name(uint32_t ifindex) {
    char name[IF_NAMESIZE] = {};
    // "if7" for an index this namespace does not know, as ss writes it.
    return if_indextoname(ifindex, name) != nullptr ? name : "if" + std::to_string(ifindex);
}

InterfaceNamer caching_interface_namer() {
    auto names = std::make_shared<std::map<uint32_t, std::string>>();
    return [names](uint32_t index) {
        auto [found, added] = names->try_emplace(index);
        if (added) found->second = kernel_interface_name(index);
        return found->second;
    };
}

namespace {

bool unspecified(const IpAddress& address) {
    for (size_t i = 0; i < address.size(); ++i) {
        if (address.bytes[i] != 0) return false;
    }
    return true;
}

std::string host_text(const Endpoint& endpoint, const std::string& interface) {
    std::string host = endpoint.address.to_string();
    if (endpoint.address.family == AF_INET6) host = "[" + host + "]";
    if (!interface.empty()) host += "%" + interface;
    return host;
}

// ss's host part, then the ":" before the port: a name with -r, "*" for a dual-stack
// socket's ::, else the number ("[...]" around IPv6), then "%dev" when bound to a device.
// Built in one string: this runs twice for each of 100 k rows.
std::string ss_host_cell(const Socket& socket, const Endpoint& endpoint, const std::string& interface,
                         EndpointNames& names) {
    std::string host;
    const bool dual_stack_any = endpoint.address.family == AF_INET6 && socket.v6only.value_or(0) == 0 &&
                                unspecified(endpoint.address);
    if (dual_stack_any) {
        host = "*";
    } else if (const auto& name = names.host(endpoint.address)) {
        host = *name;
    } else if (endpoint.address.family == AF_INET6) {
        host = "[" + endpoint.address.to_string() + "]";
    } else {
        host = endpoint.address.to_string();
    }
    if (!interface.empty()) {
        host += '%';
        host += interface;
    }
    host += ':';
    return host;
}

}  // namespace

EndpointCells local_cells(const Socket& socket, const InterfaceNamer& interface_name, EndpointNames& names) {
    if (is_unix(socket.protocol)) {
        return {(socket.local.path.empty() ? "*" : socket.local.path) + " ", std::to_string(socket.inode)};
    }
    const std::string interface =
        socket.local.scope_ifindex != 0 && interface_name ? interface_name(socket.local.scope_ifindex) : "";
    return {ss_host_cell(socket, socket.local, interface, names), names.port(socket.protocol, socket.local.port)};
}

EndpointCells peer_cells(const Socket& socket, EndpointNames& names) {
    if (is_unix(socket.protocol)) return {"* ", std::to_string(socket.peer_inode)};
    return {ss_host_cell(socket, socket.peer, {}, names), names.port(socket.protocol, socket.peer.port)};
}

std::string address_text(const Endpoint& endpoint) { return endpoint.address.to_string(); }

std::string local_text(const Socket& socket, const InterfaceNamer& interface_name) {
    if (is_unix(socket.protocol)) {
        return (socket.local.path.empty() ? "*" : socket.local.path) + " " + std::to_string(socket.inode);
    }
    const std::string interface = socket.local.scope_ifindex != 0 && interface_name
                                      ? interface_name(socket.local.scope_ifindex)
                                      : "";
    const bool wildcard_port = socket.local.port == 0 && socket.protocol != Protocol::raw;
    return host_text(socket.local, interface) + ":" + (wildcard_port ? "*" : std::to_string(socket.local.port));
}

std::string peer_text(const Socket& socket) {
    if (is_unix(socket.protocol)) return "* " + std::to_string(socket.peer_inode);
    const bool unconnected = socket.peer.port == 0 && unspecified(socket.peer.address);
    return host_text(socket.peer, "") + ":" + (unconnected || socket.peer.port == 0 ? "*" : std::to_string(socket.peer.port));
}

}  // namespace netlens::sockets
