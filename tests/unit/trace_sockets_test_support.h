// Real sockets of the test process itself, for the fd resolver and fd table tests: the
// resolver duplicates them through a pidfd of our own pid (always allowed), and the
// kernel's own answers for the same fds (getsockname, getpeername, fstat) are the oracle.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "core/file_descriptor.h"

namespace netlens::trace::testing {

// "127.0.0.1:40001" or "[::1]:443" from getsockname/getpeername, formatted with inet_ntop.
inline std::string kernel_endpoint(int fd, bool peer) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if ((peer ? getpeername(fd, generic, &length) : getsockname(fd, generic, &length)) != 0) return "";
    char host[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&address);
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        return std::string(host) + ":" + std::to_string(ntohs(in->sin_port));
    }
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(in6->sin6_port));
}

inline uint64_t kernel_inode(int fd) {
    struct stat status {};
    return fstat(fd, &status) == 0 ? status.st_ino : 0;
}

// A loopback TCP listener with one connected client and its accepted end.
struct TcpTriple {
    FileDescriptor listener;
    FileDescriptor client;
    FileDescriptor server;
};

inline TcpTriple tcp_triple(int family = AF_INET) {
    TcpTriple triple;
    triple.listener = FileDescriptor(socket(family, SOCK_STREAM, 0));
    sockaddr_storage address{};
    socklen_t length = 0;
    if (family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(&address);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    } else {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
        in6->sin6_family = AF_INET6;
        in6->sin6_addr = in6addr_loopback;
        length = sizeof(sockaddr_in6);
    }
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (bind(triple.listener.get(), generic, length) != 0 || listen(triple.listener.get(), 16) != 0) return triple;
    getsockname(triple.listener.get(), generic, &length);
    triple.client = FileDescriptor(socket(family, SOCK_STREAM, 0));
    if (connect(triple.client.get(), generic, length) != 0) return triple;
    triple.server = FileDescriptor(accept(triple.listener.get(), nullptr, nullptr));
    return triple;
}

// A connect left in SYN-SENT: the listener's accept queue (backlog 0) is full with one
// connection, so the kernel drops the next client's SYN and that client waits.
struct SynSent {
    FileDescriptor listener;
    FileDescriptor queued;
    FileDescriptor waiting;  // non-blocking, its connect in progress
};

inline SynSent syn_sent() {
    SynSent sockets;
    sockets.listener = FileDescriptor(socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (bind(sockets.listener.get(), generic, length) != 0 || listen(sockets.listener.get(), 0) != 0) return sockets;
    getsockname(sockets.listener.get(), generic, &length);
    sockets.queued = FileDescriptor(socket(AF_INET, SOCK_STREAM, 0));
    if (connect(sockets.queued.get(), generic, length) != 0) return sockets;
    sockets.waiting = FileDescriptor(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    connect(sockets.waiting.get(), generic, length);
    return sockets;
}

}  // namespace netlens::trace::testing
