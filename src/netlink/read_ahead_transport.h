// A transport that reads the first answer ahead: on the first receive it takes every
// datagram of the answer to the request already sent (up to a byte limit), then calls
// `before_first_reply`, then hands the held datagrams out one by one; after that it
// passes everything through.
//
// Why: the kernel builds a sock_diag dump while it is being read, so reading it ahead
// lets that work run beside something else the rows need (the /proc walk of
// `sockets -p`), and the hook waits for that work before the first row is made.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "netlink/transport.h"

namespace netlens::netlink {

class ReadAheadTransport final : public Transport {
public:
    // A dump of 100 k sockets is about 15 MiB; past the limit the rest streams as usual.
    static constexpr size_t kDefaultLimit = 64 * 1024 * 1024;

    ReadAheadTransport(std::unique_ptr<Transport> inner, std::function<void()> before_first_reply,
                       size_t limit = kDefaultLimit)
        : inner_(std::move(inner)), before_first_reply_(std::move(before_first_reply)), limit_(limit) {}

    int bus() const override { return inner_->bus(); }
    uint32_t port() const override { return inner_->port(); }
    Result<int> send(const nlmsghdr* request) override { return inner_->send(request); }
    Result<Received> receive() override;
    // Only reached after a reply was handed out, so the hook has run: a plain transport.
    Result<std::unique_ptr<Transport>> reopen() override { return inner_->reopen(); }

private:
    struct Held {
        std::vector<std::byte> bytes;
        int err = 0;
    };
    void read_ahead();

    std::unique_ptr<Transport> inner_;
    std::function<void()> before_first_reply_;  // empty once it has run
    size_t limit_;
    std::deque<Held> held_;
    std::optional<Error> held_error_;  // the inner transport failed while reading ahead
    Held current_;                     // the datagram handed out last
};

// True when this datagram ends an answer: it holds NLMSG_DONE or NLMSG_ERROR, or a
// message that is not part of a multipart reply. A datagram that cannot be parsed also
// ends it: the channel that reads it will say what is wrong.
bool ends_answer(std::span<const std::byte> datagram);

}  // namespace netlens::netlink
