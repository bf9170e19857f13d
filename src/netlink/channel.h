// A netlink channel (a socket to the kernel; named apart from sockets::Socket, a row
// of the socket table) that sends one request and hands every reply message to a callback,
// turning kernel error replies into Error values with the errno's text. It runs over a
// Transport: a live libmnl socket by default, or one a source::Source opened, which may
// record the replies or replay them from a recording.
#pragma once

#include <libmnl/libmnl.h>

#include <cerrno>
#include <functional>
#include <memory>

#include "core/error.h"
#include "netlink/request.h"
#include "netlink/transport.h"

namespace netlens::netlink {

using MessageHandler = std::function<void(const nlmsghdr*)>;

class Channel {
public:
    // A live socket in the calling thread's network namespace.
    static Result<Channel> open(int bus);
    explicit Channel(std::unique_ptr<Transport> transport) : transport_(std::move(transport)) {}

    // Sends the request (NLM_F_ACK is added for non-dump requests so the exchange has a
    // clear end) and calls handler for each reply message. An NLMSG_ERROR reply becomes
    // an Error carrying the kernel's errno text; `what` prefixes messages.
    Result<Done> transact(nlmsghdr* request, const MessageHandler& handler, const std::string& what);

    // Like transact for NLM_F_DUMP requests, retrying when the kernel reports the dump
    // was interrupted by a concurrent change (NLM_F_DUMP_INTR); restart is called before
    // each retry so the caller can drop the partial results it already received.
    Result<Done> dump(nlmsghdr* request, const MessageHandler& handler, const std::string& what,
                      const std::function<void()>& restart);

    // The last exchange failed because the kernel flagged the dump as interrupted by a
    // concurrent change (NLM_F_DUMP_INTR); the rest of that dump was not read.
    bool interrupted() const { return last_errno_ == EINTR; }
    // The kernel's errno for the last failed exchange (0 after a success), for callers
    // that explain a refusal by what refused it.
    int last_errno() const { return last_errno_; }

private:
    std::unique_ptr<Transport> transport_;
    unsigned sequence_ = 0;
    int last_errno_ = 0;  // errno of the last failed exchange, to tell EINTR apart
};

}  // namespace netlens::netlink
