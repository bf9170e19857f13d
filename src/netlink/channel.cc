#include "netlink/channel.h"

#include <iterator>

#include "netlink/ack.h"
#include "netlink/live_transport.h"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace netlens::netlink {

namespace {

constexpr int kDumpAttempts = 3;

struct Exchange {
    const MessageHandler* handler;
    std::string kernel_details;  // the extended ack's explanation, when the kernel sent one
};

int call_handler(const nlmsghdr* message, void* data) {
    (*static_cast<Exchange*>(data)->handler)(message);
    return MNL_CB_OK;
}

// NLMSG_ERROR and NLMSG_DONE both end the exchange and both may carry an errno: a dump
// that failed after it began ends with a DONE holding the negative errno, and reading
// that as "no more results" would turn an error into an empty answer. The errno and the
// kernel's own words from the extended ack are kept for the Error.
int on_end(const nlmsghdr* message, void* data) {
    const auto ack = parse_kernel_ack({reinterpret_cast<const uint8_t*>(message), message->nlmsg_len});
    if (!ack) {
        errno = EBADMSG;
        return MNL_CB_ERROR;
    }
    if (ack->error == 0) return MNL_CB_STOP;
    static_cast<Exchange*>(data)->kernel_details = ack_details(*ack);
    errno = ack->error;
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
    control[NLMSG_ERROR] = on_end;
    control[NLMSG_DONE] = on_end;
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
            return Error{code, what + ": " + errno_text(err) + exchange.kernel_details};
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

}  // namespace netlens::netlink
