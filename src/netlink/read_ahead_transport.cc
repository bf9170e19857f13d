#include "netlink/read_ahead_transport.h"

#include <cstring>
#include <utility>

namespace netlens::netlink {

bool ends_answer(std::span<const std::byte> datagram) {
    size_t offset = 0;
    while (datagram.size() - offset >= sizeof(nlmsghdr)) {
        nlmsghdr header;
        std::memcpy(&header, datagram.data() + offset, sizeof header);
        if (header.nlmsg_len < sizeof header || header.nlmsg_len > datagram.size() - offset) return true;
        if (header.nlmsg_type == NLMSG_DONE || header.nlmsg_type == NLMSG_ERROR) return true;
        if ((header.nlmsg_flags & NLM_F_MULTI) == 0) return true;
        offset += NLMSG_ALIGN(header.nlmsg_len);
        if (offset > datagram.size()) break;
    }
    return offset == 0;  // too short to hold a message
}

void ReadAheadTransport::read_ahead() {
    size_t bytes = 0;
    while (bytes < limit_) {
        auto datagram = inner_->receive();
        if (!datagram) {
            held_error_ = datagram.error();
            return;
        }
        held_.push_back({{datagram->bytes.begin(), datagram->bytes.end()}, datagram->err});
        bytes += datagram->bytes.size();
        if (datagram->err != 0 || ends_answer(datagram->bytes)) return;
    }
}

Result<Received> ReadAheadTransport::receive() {
    if (before_first_reply_) {
        read_ahead();
        // Cleared first: the hook runs once even if it throws.
        const std::function<void()> hook = std::move(before_first_reply_);
        before_first_reply_ = nullptr;
        hook();
    }
    if (held_.empty()) {
        if (held_error_) return *std::exchange(held_error_, std::nullopt);
        return inner_->receive();
    }
    current_ = std::move(held_.front());
    held_.pop_front();
    return Received{current_.bytes, current_.err};
}

}  // namespace netlens::netlink
