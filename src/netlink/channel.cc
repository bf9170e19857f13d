#include "netlink/channel.h"

#include <iterator>

#include "netlink/attributes.h"
#include "netlink/live_transport.h"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace netlens::netlink {

namespace {

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

Result<Channel> Channel::open(int bus) {
    auto transport = LiveTransport::open(bus);
    if (!transport) return transport.error();
    return Channel(std::move(*transport));
}

Result<Done> Channel::transact(nlmsghdr* request, const MessageHandler& handler, const std::string& what) {
    if ((request->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP) request->nlmsg_flags |= NLM_F_ACK;
    request->nlmsg_seq = ++sequence_ + static_cast<unsigned>(time(nullptr));
    const unsigned port = transport_->port();

    last_errno_ = 0;
    auto sent = transport_->send(request);
    if (!sent) return Error{sent.error().code, what + ": " + sent.error().message};
    if (*sent != 0) return Error{ExitCode::failure, what + ": netlink send: " + errno_text(*sent)};
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
        auto datagram = transport_->receive();
        if (!datagram) return Error{datagram.error().code, what + ": " + datagram.error().message};
        if (datagram->err != 0) return Error{ExitCode::failure, what + ": netlink receive: " + errno_text(datagram->err)};
        const int status = mnl_cb_run2(datagram->bytes.data(), datagram->bytes.size(), request->nlmsg_seq, port, call_handler,
                                       &exchange, control, std::size(control));
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

Result<Done> Channel::dump(nlmsghdr* request, const MessageHandler& handler, const std::string& what,
                          const std::function<void()>& restart) {
    for (int attempt = 1;; ++attempt) {
        auto result = transact(request, handler, what);
        if (result.ok() || attempt == kDumpAttempts || last_errno_ != EINTR) return result;
        // The rest of the interrupted dump is still queued on this socket; a fresh socket
        // leaves it behind instead of reading it as the answer to the retry.
        auto fresh = transport_->reopen();
        if (!fresh) return fresh.error();
        transport_ = std::move(*fresh);
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
