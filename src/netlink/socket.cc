#include "netlink/socket.h"

#include <iterator>

#include "netlink/attributes.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace netlens::netlink {

namespace {

// Large enough for the biggest link message the kernel sends in a dump.
constexpr size_t kReceiveBufferSize = 64 * 1024;
constexpr int kDumpAttempts = 3;

struct Exchange {
    const MessageHandler* handler;
    std::string kernel_message;  // the extended ack's explanation, when the kernel sent one
};

int call_handler(const nlmsghdr* message, void* data) {
    (*static_cast<Exchange*>(data)->handler)(message);
    return MNL_CB_OK;
}

int keep_kernel_message(const nlattr* attribute, void* data) {
    if (mnl_attr_get_type(attribute) == NLMSGERR_ATTR_MSG) {
        static_cast<Exchange*>(data)->kernel_message = read_string(attribute).value_or("");
    }
    return MNL_CB_OK;
}

// NLMSG_ERROR: an ack (error 0) ends the exchange; an error keeps its errno and the
// kernel's own words from the extended ack (NLMSGERR_ATTR_MSG), which often say exactly
// which attribute or flag was wrong.
int on_error(const nlmsghdr* message, void* data) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(nlmsgerr)) {
        errno = EBADMSG;
        return MNL_CB_ERROR;
    }
    const auto* error = static_cast<const nlmsgerr*>(mnl_nlmsg_get_payload(message));
    if (error->error == 0) return MNL_CB_STOP;
    if ((message->nlmsg_flags & NLM_F_ACK_TLVS) != 0) {
        // The echoed request is left out of the reply when NLM_F_CAPPED is set.
        size_t offset = sizeof(nlmsgerr);
        if ((message->nlmsg_flags & NLM_F_CAPPED) == 0) offset += error->msg.nlmsg_len - sizeof(nlmsghdr);
        if (message->nlmsg_len >= MNL_NLMSG_HDRLEN + MNL_ALIGN(offset)) {
            mnl_attr_parse(message, static_cast<unsigned>(MNL_ALIGN(offset)), keep_kernel_message, data);
        }
    }
    errno = -error->error;
    return MNL_CB_ERROR;
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
    return Socket(socket, bus);
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
    Exchange exchange{&handler, ""};
    // With a control table, libmnl hands every control message type to it, so the end
    // of a dump must be handled here too.
    mnl_cb_t control[NLMSG_MIN_TYPE] = {};
    control[NLMSG_NOOP] = [](const nlmsghdr*, void*) { return static_cast<int>(MNL_CB_OK); };
    control[NLMSG_ERROR] = on_error;
    control[NLMSG_DONE] = [](const nlmsghdr*, void*) { return static_cast<int>(MNL_CB_STOP); };
    control[NLMSG_OVERRUN] = [](const nlmsghdr*, void*) {
        errno = ENOSPC;
        return static_cast<int>(MNL_CB_ERROR);
    };
    while (true) {
        const ssize_t received = mnl_socket_recvfrom(socket_.get(), buffer.data(), buffer.size());
        if (received < 0) return Error{ExitCode::failure, what + ": netlink receive: " + errno_text(errno)};
        const int status = mnl_cb_run2(buffer.data(), static_cast<size_t>(received), request->nlmsg_seq, port,
                                       call_handler, &exchange, control, std::size(control));
        if (status < 0) {
            const int err = errno;
            last_errno_ = err;
            const ExitCode code = err == EPERM || err == EACCES ? ExitCode::permission : ExitCode::failure;
            const std::string why = exchange.kernel_message.empty() ? "" : " (kernel: " + exchange.kernel_message + ")";
            return Error{code, what + ": " + errno_text(err) + why};
        }
        if (status == MNL_CB_STOP) return Done{};
    }
}

Result<Done> Socket::dump(nlmsghdr* request, const MessageHandler& handler, const std::string& what,
                          const std::function<void()>& restart) {
    for (int attempt = 1;; ++attempt) {
        auto result = transact(request, handler, what);
        if (result.ok() || attempt == kDumpAttempts || last_errno_ != EINTR) return result;
        // The rest of the interrupted dump is still queued on this socket; a fresh socket
        // leaves it behind instead of reading it as the answer to the retry.
        auto fresh = open(bus_);
        if (!fresh) return fresh.error();
        socket_ = std::move(fresh->socket_);
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
