#include "source/recording_transport.h"

namespace netlens::source {

Result<int> RecordingTransport::send(const nlmsghdr* request) {
    flush();
    auto sent = inner_->send(request);
    if (!sent) return sent;
    exchange_ = netlink_question(netns_, inner_->bus(),
                                 {reinterpret_cast<const std::byte*>(request), request->nlmsg_len});
    exchange_->err = *sent;
    return sent;
}

Result<netlink::Received> RecordingTransport::receive() {
    auto received = inner_->receive();
    if (!received || !exchange_) return received;
    if (received->err != 0) {
        exchange_->err = received->err;
    } else {
        auto& datagram = exchange_->answer.emplace_back(reinterpret_cast<const char*>(received->bytes.data()),
                                                        received->bytes.size());
        zero_netlink_ids(std::as_writable_bytes(std::span(datagram.data(), datagram.size())));
    }
    return received;
}

Result<std::unique_ptr<netlink::Transport>> RecordingTransport::reopen() {
    auto fresh = inner_->reopen();
    if (!fresh) return fresh.error();
    return std::unique_ptr<netlink::Transport>(
        std::make_unique<RecordingTransport>(std::move(*fresh), netns_, recorder_));
}

void RecordingTransport::flush() {
    if (!exchange_) return;
    recorder_->add(*exchange_);
    exchange_.reset();
}

}  // namespace netlens::source
