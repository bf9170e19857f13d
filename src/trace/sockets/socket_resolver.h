// What a tracee's file descriptor is, found from our own process while the tracee is
// stopped: a duplicate of the descriptor (pidfd_getfd) answers getsockopt, getsockname
// and fstat exactly as the tracee's would, in whatever namespace the socket lives.
// The duplicate is closed before resolve() returns: a held duplicate would keep the
// socket open after the tracee closes it (no FIN would be sent).
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>

#include "core/file_descriptor.h"
#include "trace/sockets/unix_peer_lookup.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// nullopt socket: not a socket (or the fd is gone). `path` for a non-socket fd: what
// /proc/PID/fd/N links to, as strace -yy shows it ("/etc/hosts", "pipe:[123]").
struct FdKind {
    std::optional<SocketIdentity> socket;
    std::string path;

    bool known() const { return socket.has_value() || !path.empty(); }
};

// Where the fd table gets its answers: the live resolver below, or a replay of
// recorded answers (and a fake in tests).
// What a socket() call asked for: enough to name a socket that has no address yet.
struct NewSocket {
    int family = 0;
    int type = 0;  // without SOCK_NONBLOCK / SOCK_CLOEXEC
    int protocol = 0;
};

class FdKindSource {
public:
    virtual ~FdKindSource() = default;
    virtual FdKind resolve(int pid, int fd) = 0;
    // fd was just returned by socket() as `made`: a source may skip what a socket without
    // addresses cannot have.
    virtual FdKind resolve_new_socket(int pid, int fd, const NewSocket& /*made*/) { return resolve(pid, fd); }
    // The process is gone (or was replaced by another with its pid).
    virtual void forget_process(int pid) = 0;
};

class SocketResolver final : public FdKindSource {
public:
    SocketResolver();

    FdKind resolve(int pid, int fd) override;
    // An inet socket fresh from socket() has no addresses: its inode, protocol and
    // namespace are all there is to show, and the arguments give the protocol.
    FdKind resolve_new_socket(int pid, int fd, const NewSocket& made) override;
    // Drops the process's pidfd.
    void forget_process(int pid) override;

private:
    struct Namespace {
        ino_t inode = 0;
        FileDescriptor file;  // open only when it had to be opened to learn the inode
    };
    int pidfd(int pid);
    FileDescriptor duplicate(int pid, int fd);
    Namespace namespace_of(int pid, int socket_fd);
    Namespace note_namespace(SocketIdentity& identity, int pid, int socket_fd);

    std::map<int, FileDescriptor> pidfds_;  // by thread-group id
    std::map<uint64_t, ino_t> netns_by_cookie_;  // SO_NETNS_COOKIE -> namespace inode
    ino_t own_netns_inode_ = 0;
    UnixPeerLookup unix_lookup_;
};

}  // namespace netlens::trace
