// A netlink socket over libmnl that sends one request and hands every reply message to
// a callback, turning kernel error replies into Error values with the errno's text.
// Replies are also kept as raw bytes on request, so they can be recorded and replayed.
#pragma once

#include <libmnl/libmnl.h>

#include <cerrno>
#include <functional>
#include <memory>

#include "core/error.h"

namespace netlens::netlink {

struct Done {};

using MessageHandler = std::function<void(const nlmsghdr*)>;

class Socket {
public:
    static Result<Socket> open(int bus);

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

private:
    struct Closer {
        void operator()(mnl_socket* s) const { mnl_socket_close(s); }
    };
    Socket(mnl_socket* socket, int bus) : socket_(socket), bus_(bus) {}

    std::unique_ptr<mnl_socket, Closer> socket_;
    int bus_ = 0;  // NETLINK_ROUTE, NETLINK_SOCK_DIAG: to reopen after an interrupted dump
    unsigned sequence_ = 0;
    int last_errno_ = 0;  // errno of the last failed exchange, to tell EINTR apart
};

// Room for one request with its attributes.
class RequestBuffer {
public:
    RequestBuffer();
    // A fresh header of the given type and flags (NLM_F_REQUEST is always set).
    nlmsghdr* start(uint16_t type, uint16_t flags);
    template <typename T>
    T* put_extra_header(nlmsghdr* header) {
        return static_cast<T*>(mnl_nlmsg_put_extra_header(header, sizeof(T)));
    }

private:
    std::unique_ptr<char[]> bytes_;
};

}  // namespace netlens::netlink
