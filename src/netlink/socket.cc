#include "netlink/socket.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace netlens::netlink {

namespace {

// Large enough for the biggest link message the kernel sends in a dump.
constexpr size_t kReceiveBufferSize = 64 * 1024;
constexpr int kDumpAttempts = 3;

int call_handler(const nlmsghdr* message, void* data) {
    (*static_cast<const MessageHandler*>(data))(message);
    return MNL_CB_OK;
}

}  // namespace

Result<Socket> Socket::open(int bus) {
    mnl_socket* socket = mnl_socket_open(bus);
    if (socket == nullptr) return Error{ExitCode::failure, "netlink socket: " + errno_text(errno)};
    if (mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        const int err = errno;
        mnl_socket_close(socket);
        return Error{ExitCode::failure, "netlink bind: " + errno_text(err)};
    }
    // Ask for extended acks so errors may carry the kernel's own explanation; older
    // kernels do not know the option, which is harmless.
    int one = 1;
    (void)mnl_socket_setsockopt(socket, NETLINK_EXT_ACK, &one, sizeof(one));
    (void)mnl_socket_setsockopt(socket, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
    return Socket(socket);
}

Result<Done> Socket::transact(nlmsghdr* request, const MessageHandler& handler, const std::string& what) {
    if ((request->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP) request->nlmsg_flags |= NLM_F_ACK;
    request->nlmsg_seq = ++sequence_ + static_cast<unsigned>(time(nullptr));
    const unsigned port = mnl_socket_get_portid(socket_.get());

    last_errno_ = 0;
    if (mnl_socket_sendto(socket_.get(), request, request->nlmsg_len) < 0) {
        return Error{ExitCode::failure, what + ": netlink send: " + errno_text(errno)};
    }
    std::vector<char> buffer(kReceiveBufferSize);
    while (true) {
        const ssize_t received = mnl_socket_recvfrom(socket_.get(), buffer.data(), buffer.size());
        if (received < 0) return Error{ExitCode::failure, what + ": netlink receive: " + errno_text(errno)};
        const int status = mnl_cb_run(buffer.data(), static_cast<size_t>(received), request->nlmsg_seq, port,
                                      call_handler, const_cast<MessageHandler*>(&handler));
        if (status < 0) {
            const int err = errno;
            last_errno_ = err;
            const ExitCode code = err == EPERM || err == EACCES ? ExitCode::permission : ExitCode::failure;
            return Error{code, what + ": " + errno_text(err)};
        }
        if (status == MNL_CB_STOP) return Done{};
    }
}

Result<Done> Socket::dump(nlmsghdr* request, const MessageHandler& handler, const std::string& what,
                          const std::function<void()>& restart) {
    for (int attempt = 1;; ++attempt) {
        auto result = transact(request, handler, what);
        if (result.ok() || attempt == kDumpAttempts || last_errno_ != EINTR) return result;
        restart();
    }
}

RequestBuffer::RequestBuffer() : bytes_(new char[MNL_SOCKET_BUFFER_SIZE]) {}

nlmsghdr* RequestBuffer::start(uint16_t type, uint16_t flags) {
    std::memset(bytes_.get(), 0, MNL_SOCKET_BUFFER_SIZE);
    nlmsghdr* header = mnl_nlmsg_put_header(bytes_.get());
    header->nlmsg_type = type;
    header->nlmsg_flags = NLM_F_REQUEST | flags;
    return header;
}

}  // namespace netlens::netlink
