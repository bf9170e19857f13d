// What a netlink Channel runs over: something that takes a request and hands back the
// reply datagrams one at a time. The live transport is a libmnl socket; a recording
// transport copies what a live one answers, and a replay transport answers from a
// recording, so the request/ack/dump logic in Channel is the same for all three.
//
// Failures come in two layers: an errno is the kernel's answer (and is recorded and
// replayed like any other answer); an Error means the transport cannot answer at all,
// as when a replay is asked something the recording does not hold.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "core/error.h"

namespace netlens::netlink {

struct Done {};

// One reply datagram, or the errno the receive failed with (err != 0, bytes empty).
struct Received {
    std::span<const std::byte> bytes;  // valid until the next receive
    int err = 0;
};

class Transport {
public:
    virtual ~Transport() = default;

    virtual int bus() const = 0;  // NETLINK_ROUTE, NETLINK_SOCK_DIAG
    // The port replies must be addressed to; 0 when they are not checked (a replay,
    // whose recorded replies carry no port).
    virtual uint32_t port() const = 0;

    // 0 when sent, else the errno.
    virtual Result<int> send(const nlmsghdr* request) = 0;
    virtual Result<Received> receive() = 0;

    // A fresh transport of the same kind on the same bus. After an interrupted dump the
    // rest of the old answer is still queued on the old socket; a new one leaves it behind.
    virtual Result<std::unique_ptr<Transport>> reopen() = 0;
};

}  // namespace netlens::netlink
