#include "trace/sockets/socket_text.h"

#include <cstdio>

namespace netlens::trace {

namespace {

// A unix socket name in double quotes, escaped as strace escapes strings; an abstract
// name keeps its '@' outside them.
std::string quoted_unix_name(const std::string& name) {
    std::string out;
    size_t start = 0;
    if (!name.empty() && name.front() == '@') {
        out += '@';
        start = 1;
    }
    out += '"';
    for (size_t i = start; i < name.size(); ++i) {
        const auto byte = static_cast<unsigned char>(name[i]);
        switch (byte) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\t': out += "\\t"; continue;
            case '\n': out += "\\n"; continue;
            case '\v': out += "\\v"; continue;
            case '\f': out += "\\f"; continue;
            case '\r': out += "\\r"; continue;
            default: break;
        }
        if (byte >= 0x20 && byte < 0x7f) {
            out += static_cast<char>(byte);
            continue;
        }
        // The shortest octal escape, unless an octal digit follows and would be read
        // as part of it.
        const bool digit_follows = i + 1 < name.size() && name[i + 1] >= '0' && name[i + 1] <= '7';
        char escaped[5];
        std::snprintf(escaped, sizeof(escaped), digit_follows ? "\\%03o" : "\\%o", byte);
        out += escaped;
    }
    out += '"';
    return out;
}

bool is_unix(const std::string& protocol) { return protocol == "UNIX" || protocol == "UNIX-STREAM"; }

bool has_address_form(const std::string& protocol) {
    return protocol == "TCP" || protocol == "TCPv6" || protocol == "UDP" || protocol == "UDPv6" ||
           protocol == "NETLINK";
}

}  // namespace

std::string socket_text(const SocketIdentity& socket) {
    const std::string inode = std::to_string(socket.inode);
    if (is_unix(socket.protocol)) {
        std::string out = socket.protocol + ":[" + inode;
        if (socket.peer_inode != 0) out += "->" + std::to_string(socket.peer_inode);
        if (!socket.local.empty()) out += "," + quoted_unix_name(socket.local);
        return out + "]";
    }
    if (has_address_form(socket.protocol) && !socket.local.empty()) {
        std::string out = socket.protocol + ":[" + socket.local;
        if (!socket.peer.empty()) out += "->" + socket.peer;
        return out + "]";
    }
    // strace names these by protocol with the inode alone; the rest (packet sockets
    // among them) as the kernel's "socket:[inode]".
    if (socket.protocol.empty() || socket.protocol == "PACKET") return "socket:[" + inode + "]";
    return socket.protocol + ":[" + inode + "]";
}

}  // namespace netlens::trace
