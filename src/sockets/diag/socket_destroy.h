// -K: closing sockets through sock_diag's SOCK_DESTROY (the kernel needs
// CONFIG_INET_DIAG_DESTROY and the caller CAP_NET_ADMIN). The request names the socket
// by the same id a dump reported (addresses, ports, bound device, cookie), so only that
// very socket is closed; a TCP peer sees a reset. As in ss, a socket the kernel cannot
// close (EOPNOTSUPP: UNIX, RAW without raw_diag) or that is already gone (ENOENT) is
// not an error: it is simply not shown as closed.
#pragma once

#include <memory>
#include <optional>

#include "core/error.h"
#include "core/finding.h"
#include "netlink/transport.h"
#include "sockets/model.h"
#include "source/source.h"

namespace netlens::sockets {

enum class DestroyOutcome {
    closed,
    not_closable,  // the kernel cannot close this kind of socket (EOPNOTSUPP)
    gone,          // no such socket any more (ENOENT)
};

// An Error for any other answer: EPERM is ExitCode::permission ("needs CAP_NET_ADMIN").
Result<DestroyOutcome> destroy_socket(netlink::Transport& diag, const Socket& socket);

// What -K puts between the filter and the table: with kill off every socket passes;
// with it on a socket passes only once the kernel closed it. The first error stops
// further closing and is the command's error.
class SocketKiller {
public:
    // Checks CAP_NET_ADMIN first (ExitCode::permission naming it) when kill is on.
    static Result<SocketKiller> open(source::Source& source, bool kill);

    bool passes(const Socket& socket);
    // After the dump: the error, or notes on sockets that could not be closed.
    std::optional<Error> finish(Diagnosis& diagnosis) const;

private:
    explicit SocketKiller(std::unique_ptr<netlink::Transport> diag) : diag_(std::move(diag)) {}

    std::unique_ptr<netlink::Transport> diag_;  // null: kill is off
    std::optional<Error> error_;
    size_t not_closable_ = 0;
};

}  // namespace netlens::sockets
