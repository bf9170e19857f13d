#include "source/replay_transport.h"

namespace netlens::source {

Result<int> ReplayTransport::send(const nlmsghdr* request) {
    auto answer =
        cursor_->next(netlink_question(netns_, bus_, {reinterpret_cast<const std::byte*>(request), request->nlmsg_len}));
    if (!answer) return answer.error();
    exchange_ = *answer;
    next_part_ = 0;
    // An errno with no datagram before it is a send that failed.
    return exchange_->answer.empty() ? exchange_->err : 0;
}

Result<netlink::Received> ReplayTransport::receive() {
    if (exchange_ == nullptr) return Error{ExitCode::failure, "replay: netlink receive before any request"};
    if (next_part_ < exchange_->answer.size()) {
        const std::string& text = exchange_->answer[next_part_++];
        const auto datagram = std::as_bytes(std::span(text.data(), text.size()));
        if (const auto misfit = misfit_netlink_message(datagram)) {
            return Error{ExitCode::partial, "replay: reply " + std::to_string(next_part_) + " to " +
                                                describe(*exchange_) + ": the message at byte " +
                                                std::to_string(*misfit) + " does not fit in it"};
        }
        return netlink::Received{datagram};
    }
    if (exchange_->err != 0) return netlink::Received{{}, exchange_->err};
    // A live exchange ends with a done or error message; a recording that stops before
    // one is damaged, and waiting would never end.
    return Error{ExitCode::partial, "replay: the recorded answer to " + describe(*exchange_) + " stops before its end"};
}

Result<std::unique_ptr<netlink::Transport>> ReplayTransport::reopen() {
    return std::unique_ptr<netlink::Transport>(std::make_unique<ReplayTransport>(cursor_, netns_, bus_));
}

}  // namespace netlens::source
