// The other end of a unix socket, asked of sock_diag by exact inode (UNIX_DIAG_PEER):
// getpeername cannot tell it, and a dump of every unix socket costs milliseconds.
// Unix sockets live in per-namespace tables, so the question must be asked from a
// netlink socket opened inside the socket's own network namespace; one such channel
// is kept per namespace.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/file_descriptor.h"
#include "netlink/channel.h"

namespace netlens::trace {

struct UnixDiagFacts {
    uint64_t peer_inode = 0;  // 0: not connected
    std::string name;         // bound name: "/run/x.sock", "@abstract", "" when unbound
};

class UnixPeerLookup {
public:
    UnixPeerLookup();

    // The socket's namespace is known by `netns_inode`; the channel for it is opened on
    // first use, inside the namespace file `open_namespace` returns (called only then).
    // nullopt when the kernel does not know the socket (it closed meanwhile) or the
    // channel cannot be opened.
    std::optional<UnixDiagFacts> lookup(ino_t netns_inode, uint64_t inode,
                                        const std::function<FileDescriptor()>& open_namespace);

private:
    std::map<ino_t, netlink::Channel> channels_;  // by namespace inode
    ino_t own_netns_inode_ = 0;
};

}  // namespace netlens::trace
