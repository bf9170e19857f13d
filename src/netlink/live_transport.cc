#include "netlink/live_transport.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace netlens::netlink {

namespace {

// Dump datagrams are at most 32 KiB unless one message needs more (a link with many
// VFs); this covers the usual case without a resize.
constexpr size_t kInitialReceiveSize = 64 * 1024;

}  // namespace

Result<std::unique_ptr<LiveTransport>> LiveTransport::open(int bus) {
    mnl_socket* socket = mnl_socket_open(bus);
    if (socket == nullptr) return Error{ExitCode::failure, "netlink socket: " + errno_text(errno)};
    std::unique_ptr<LiveTransport> transport(new LiveTransport(socket, bus));
    if (mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        return Error{ExitCode::failure, "netlink bind: " + errno_text(errno)};
    }
    // Ask for extended acks so errors may carry the kernel's own explanation; older
    // kernels do not know the options, which is harmless.
    int one = 1;
    (void)mnl_socket_setsockopt(socket, NETLINK_EXT_ACK, &one, sizeof(one));
    (void)mnl_socket_setsockopt(socket, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
    return transport;
}

uint32_t LiveTransport::port() const { return mnl_socket_get_portid(socket_.get()); }

Result<int> LiveTransport::send(const nlmsghdr* request) {
    return mnl_socket_sendto(socket_.get(), request, request->nlmsg_len) < 0 ? errno : 0;
}

Result<Received> LiveTransport::receive() {
    // Peek at the datagram's full length first (as iproute2 does) so no reply is ever
    // cut to fit the buffer; ss pays the same second call.
    const ssize_t pending = recv(mnl_socket_get_fd(socket_.get()), nullptr, 0, MSG_PEEK | MSG_TRUNC);
    if (pending < 0) return Received{{}, errno};
    const size_t wanted = std::max(static_cast<size_t>(pending), kInitialReceiveSize);
    if (buffer_.size() < wanted) buffer_.resize(wanted);
    const ssize_t received = mnl_socket_recvfrom(socket_.get(), buffer_.data(), buffer_.size());
    if (received < 0) return Received{{}, errno};
    return Received{{buffer_.data(), static_cast<size_t>(received)}};
}

Result<std::unique_ptr<Transport>> LiveTransport::reopen() {
    auto fresh = open(bus_);
    if (!fresh) return fresh.error();
    return std::unique_ptr<Transport>(std::move(*fresh));
}

}  // namespace netlens::netlink
