#include "trace/sockets/socket_text.h"

#include <span>
#include <string_view>

#include "trace/decode/strings.h"

#include <cstdio>

namespace netlens::trace {

namespace {

// A unix socket name in double quotes, escaped as strace escapes strings; an abstract
// name keeps its '@' outside them.
// A unix name quoted as strace quotes every string (the -x/-xx forms too); an abstract
// name keeps its "@" outside the quotes.
std::string quoted_unix_name(const std::string& name, DecodeOptions::Hex hex) {
    const bool abstract = !name.empty() && name.front() == '@';
    const std::string_view text = std::string_view(name).substr(abstract ? 1 : 0);
    return (abstract ? "@" : "") + quote_bytes(std::as_bytes(std::span(text.data(), text.size())), hex);
}

bool is_unix(const std::string& protocol) { return protocol == "UNIX" || protocol == "UNIX-STREAM"; }

bool has_address_form(const std::string& protocol) {
    return protocol == "TCP" || protocol == "TCPv6" || protocol == "UDP" || protocol == "UDPv6" ||
           protocol == "NETLINK";
}

}  // namespace

std::string socket_text(const SocketIdentity& socket, DecodeOptions::Hex hex) {
    const std::string inode = std::to_string(socket.inode);
    if (is_unix(socket.protocol)) {
        std::string out = socket.protocol + ":[" + inode;
        if (socket.peer_inode != 0) out += "->" + std::to_string(socket.peer_inode);
        if (!socket.local.empty()) out += "," + quoted_unix_name(socket.local, hex);
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
