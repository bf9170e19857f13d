// The transport that talks to the kernel: a libmnl socket bound in the network
// namespace of the thread that opens it (netlink sockets stay bound to it afterwards).
#pragma once

#include <libmnl/libmnl.h>

#include <memory>
#include <vector>

#include "netlink/transport.h"

namespace netlens::netlink {

class LiveTransport final : public Transport {
public:
    static Result<std::unique_ptr<LiveTransport>> open(int bus);

    int bus() const override { return bus_; }
    uint32_t port() const override;
    Result<int> send(const nlmsghdr* request) override;
    Result<Received> receive() override;
    Result<std::unique_ptr<Transport>> reopen() override;

private:
    struct Closer {
        void operator()(mnl_socket* s) const { mnl_socket_close(s); }
    };
    LiveTransport(mnl_socket* socket, int bus) : socket_(socket), bus_(bus) {}

    std::unique_ptr<mnl_socket, Closer> socket_;
    int bus_ = 0;
    std::vector<std::byte> buffer_;  // grown to the largest datagram seen
};

}  // namespace netlens::netlink
