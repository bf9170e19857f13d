#include "trace/sockets/socket_resolver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <netinet/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "core/ip_address.h"
#include "trace/sockets/netlink_protocol_names.h"

namespace netlens::trace {

namespace {

// glibc 2.36 has no wrappers for these two.
int open_pidfd(int pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }
int duplicate_from(int pidfd, int fd) { return static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, fd, 0)); }

std::optional<int> int_option(int fd, int level, int name) {
    int value = 0;
    socklen_t length = sizeof(value);
    if (getsockopt(fd, level, name, &value, &length) != 0) return std::nullopt;
    return value;
}

// "127.0.0.1:40001", "[::1]:443" from a kernel-filled address; empty for another family.
std::string inet_endpoint_text(const sockaddr_storage& address, socklen_t length) {
    IpAddress ip;
    uint16_t port_be = 0;
    if (address.ss_family == AF_INET && length >= sizeof(sockaddr_in)) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&address);
        ip.family = AF_INET;
        std::memcpy(ip.bytes.data(), &in->sin_addr, 4);
        port_be = in->sin_port;
    } else if (address.ss_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ip.family = AF_INET6;
        std::memcpy(ip.bytes.data(), &in6->sin6_addr, 16);
        port_be = in6->sin6_port;
    } else {
        return "";
    }
    const std::string host = ip.to_string();
    const std::string port = std::to_string(ntohs(port_be));
    return ip.family == AF_INET ? host + ":" + port : "[" + host + "]:" + port;
}

uint16_t port_of(const sockaddr_storage& address) {
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return 0;
}

// strace -yy shows a TCP or UDP socket's addresses only when the kernel's socket
// tables hold it (that is where its sock_diag dump finds it): a TCP socket not in
// state CLOSE or bound to a port and never connected (the dump lists bound sockets since
// Linux 6.5), a UDP
// socket with a local port. Others show their inode alone.
void complete_inet(SocketIdentity& identity, int fd, int type, const sockaddr_storage& local, socklen_t local_length) {
    if (type == SOCK_STREAM) {
        // tcpi_state is the first byte of tcp_info; the kernel copies only what is asked.
        uint8_t state = TCP_CLOSE;
        socklen_t state_length = sizeof(state);
        if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &state, &state_length) != 0) return;
        if (state == TCP_CLOSE && port_of(local) == 0) return;
        // A connection that ended (a refused connect) keeps its old addresses in the
        // socket, but it left the tables: strace shows its inode alone.
        sockaddr_storage ended_peer{};
        socklen_t ended_length = local.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
        if (state == TCP_CLOSE && getsockopt(fd, SOL_SOCKET, SO_PEERNAME, &ended_peer, &ended_length) == 0) return;
    } else if (port_of(local) == 0) {
        return;
    }
    identity.local = inet_endpoint_text(local, local_length);
    // SO_PEERNAME, unlike getpeername, answers during SYN-SENT too (a non-blocking
    // connect in progress), as strace's table lookup does. It refuses a buffer longer
    // than the address, so the length is the family's.
    sockaddr_storage peer{};
    socklen_t peer_length = local.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERNAME, &peer, &peer_length) == 0) {
        identity.peer = inet_endpoint_text(peer, peer_length);
    }
}

// A bound netlink socket shows as "ROUTE:32069" (protocol and port id); an unbound one
// (port id 0) by its inode alone.
void complete_netlink(SocketIdentity& identity, int protocol, const sockaddr_storage& local, socklen_t length) {
    if (length < sizeof(sockaddr_nl)) return;
    const auto* address = reinterpret_cast<const sockaddr_nl*>(&local);
    if (address->nl_pid == 0) return;
    identity.local = netlink_protocol_name(protocol) + ":" + std::to_string(address->nl_pid);
}

std::string protocol_name(int family, int type, int protocol) {
    const bool v6 = family == AF_INET6;
    switch (family) {
        case AF_INET:
        case AF_INET6:
            if (type == SOCK_STREAM && protocol == IPPROTO_TCP) return v6 ? "TCPv6" : "TCP";
            if (type == SOCK_DGRAM && protocol == IPPROTO_UDP) return v6 ? "UDPv6" : "UDP";
            if (type == SOCK_DGRAM && (protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6)) {
                return v6 ? "PINGv6" : "PING";
            }
            if (type == SOCK_RAW) return v6 ? "RAWv6" : "RAW";
            return "";
        // The kernel's protocol names (strace asks for them): unix datagram and
        // seqpacket sockets share the name "UNIX".
        case AF_UNIX: return type == SOCK_STREAM ? "UNIX-STREAM" : "UNIX";
        case AF_NETLINK: return "NETLINK";
        case AF_PACKET: return "PACKET";
        default: return "";
    }
}

// "/dev/null<char 1:3>": strace -yy adds a device's kind and numbers after its path.
std::string path_text(int pid, int fd, const struct stat& status) {
    const std::string link = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd);
    std::array<char, 4096> target{};
    const ssize_t length = readlink(link.c_str(), target.data(), target.size());
    if (length <= 0) return "";
    std::string path(target.data(), static_cast<size_t>(length));
    if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
        path += S_ISCHR(status.st_mode) ? "<char " : "<block ";
        path += std::to_string(major(status.st_rdev)) + ":" + std::to_string(minor(status.st_rdev)) + ">";
    }
    return path;
}

ino_t inode_of(int fd) {
    struct stat status {};
    return fstat(fd, &status) == 0 ? status.st_ino : 0;
}

}  // namespace

SocketResolver::SocketResolver() {
    struct stat own {};
    if (stat("/proc/self/ns/net", &own) == 0) own_netns_inode_ = own.st_ino;
}

int SocketResolver::pidfd(int pid) {
    auto found = pidfds_.find(pid);
    if (found != pidfds_.end()) return found->second.get();
    FileDescriptor opened(open_pidfd(pid));
    if (!opened.valid()) return -1;
    const int fd = opened.get();
    pidfds_.emplace(pid, std::move(opened));
    return fd;
}

void SocketResolver::forget_process(int pid) { pidfds_.erase(pid); }

// The namespace a socket lives in (not necessarily the one its process runs in now).
// Its cookie is one getsockopt; the namespace file, needed for its inode and to open a
// sock_diag channel there, is opened only the first time a cookie is seen.
SocketResolver::Namespace SocketResolver::namespace_of(int pid, int socket_fd) {
    uint64_t cookie = 0;
    socklen_t length = sizeof(cookie);
    if (getsockopt(socket_fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &length) == 0) {
        if (auto known = netns_by_cookie_.find(cookie); known != netns_by_cookie_.end()) {
            return {known->second, FileDescriptor()};
        }
    }
    // SIOCGSKNS needs CAP_NET_ADMIN over the namespace; without it the process's own
    // namespace stands in.
    FileDescriptor file(ioctl(socket_fd, SIOCGSKNS));
    if (!file.valid()) {
        const std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
        file = FileDescriptor(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    }
    const ino_t inode = file.valid() ? inode_of(file.get()) : 0;
    if (cookie != 0 && inode != 0) netns_by_cookie_.emplace(cookie, inode);
    return {inode, std::move(file)};
}

// Our own descriptor for the tracee's fd, closed when it goes out of scope.
FileDescriptor SocketResolver::duplicate(int pid, int fd) {
    if (fd < 0) return FileDescriptor();
    int from = pidfd(pid);
    FileDescriptor copy(from < 0 ? -1 : duplicate_from(from, fd));
    if (!copy.valid() && errno == ESRCH) {
        // The cached pidfd is of a process that has gone; the pid may name a new one.
        forget_process(pid);
        from = pidfd(pid);
        copy = FileDescriptor(from < 0 ? -1 : duplicate_from(from, fd));
    }
    return copy;
}

// Names the socket's namespace in `identity` when it is not ours.
SocketResolver::Namespace SocketResolver::note_namespace(SocketIdentity& identity, int pid, int socket_fd) {
    Namespace netns = namespace_of(pid, socket_fd);
    if (netns.inode != 0 && netns.inode != own_netns_inode_) {
        identity.netns = "net:[" + std::to_string(netns.inode) + "]";
    }
    return netns;
}

FdKind SocketResolver::resolve_new_socket(int pid, int fd, const NewSocket& made) {
    if (made.family != AF_INET && made.family != AF_INET6) return resolve(pid, fd);
    // Protocol 0 is the family's default for the type, as the kernel picks it.
    int protocol = made.protocol;
    if (protocol == 0 && made.type == SOCK_STREAM) protocol = IPPROTO_TCP;
    if (protocol == 0 && made.type == SOCK_DGRAM) protocol = IPPROTO_UDP;
    const std::string name = protocol_name(made.family, made.type, protocol);
    if (name.empty()) return resolve(pid, fd);
    FdKind kind;
    FileDescriptor copy = duplicate(pid, fd);
    struct stat status {};
    if (!copy.valid() || fstat(copy.get(), &status) != 0) return kind;
    if (!S_ISSOCK(status.st_mode)) return resolve(pid, fd);  // another thread replaced it meanwhile
    SocketIdentity identity;
    identity.inode = status.st_ino;
    identity.protocol = name;
    note_namespace(identity, pid, copy.get());
    kind.socket = std::move(identity);
    return kind;
}

FdKind SocketResolver::resolve(int pid, int fd) {
    FdKind kind;
    FileDescriptor duplicate = this->duplicate(pid, fd);
    if (!duplicate.valid()) return kind;

    struct stat status {};
    if (fstat(duplicate.get(), &status) != 0) return kind;
    if (!S_ISSOCK(status.st_mode)) {
        kind.path = path_text(pid, fd, status);
        return kind;
    }

    // Few system calls per socket (the cost is paid once per new socket): the family
    // comes with the local address, which every family needs anyway.
    const int socket_fd = duplicate.get();
    sockaddr_storage local{};
    socklen_t local_length = sizeof(local);
    if (getsockname(socket_fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) local.ss_family = AF_UNSPEC;
    const int family = local.ss_family;
    const int type = int_option(socket_fd, SOL_SOCKET, SO_TYPE).value_or(-1);
    const int protocol = int_option(socket_fd, SOL_SOCKET, SO_PROTOCOL).value_or(-1);
    SocketIdentity identity;
    identity.inode = status.st_ino;
    identity.protocol = protocol_name(family, type, protocol);
    Namespace netns = note_namespace(identity, pid, socket_fd);
    if (family == AF_INET || family == AF_INET6) {
        if (identity.protocol.rfind("TCP", 0) == 0 || identity.protocol.rfind("UDP", 0) == 0) {
            complete_inet(identity, socket_fd, type, local, local_length);
        }
    } else if (family == AF_NETLINK) {
        complete_netlink(identity, protocol, local, local_length);
    } else if (family == AF_UNIX && netns.inode != 0) {
        auto open_namespace = [&]() -> FileDescriptor {
            if (netns.file.valid()) return std::move(netns.file);
            return FileDescriptor(ioctl(socket_fd, SIOCGSKNS));
        };
        if (auto facts = unix_lookup_.lookup(netns.inode, identity.inode, open_namespace)) {
            identity.peer_inode = facts->peer_inode;
            identity.local = facts->name;
        }
    }
    kind.socket = std::move(identity);
    return kind;
}

}  // namespace netlens::trace
