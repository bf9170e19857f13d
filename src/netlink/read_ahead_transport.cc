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

ReadAheadTransport::ReadAheadTransport(std::unique_ptr<Transport> inner, std::function<void()> before_first_reply)
    : ReadAheadTransport(std::move(inner), std::move(before_first_reply), Limits{}) {}

ReadAheadTransport::ReadAheadTransport(std::unique_ptr<Transport> inner, std::function<void()> before_first_reply,
                                       Limits limits)
    : inner_(std::move(inner)), before_first_reply_(std::move(before_first_reply)), limits_(limits) {}

ReadAheadTransport::~ReadAheadTransport() { stop_reader(); }

// Runs on the reader thread: the inner transport is its alone until the answer ends.
void ReadAheadTransport::read_answer(size_t limit) {
    for (;;) {
        auto datagram = inner_->receive();
        Held held;
        if (!datagram) {
            held.error = datagram.error();
            held.ends = true;
        } else {
            held.bytes.assign(datagram->bytes.begin(), datagram->bytes.end());
            held.err = datagram->err;
            held.ends = datagram->err != 0 || ends_answer(datagram->bytes);
        }
        const bool ends = held.ends;
        {
            std::unique_lock lock(mutex_);
            // Always room for one: a datagram larger than the limit still gets through.
            changed_.wait(lock, [&] { return cancelled_ || held_.empty() || held_bytes_ < limit; });
            if (cancelled_) return;
            held_bytes_ += held.bytes.size();
            held_.push_back(std::move(held));
        }
        changed_.notify_all();
        if (ends) return;
    }
}

Result<Received> ReadAheadTransport::receive() {
    if (!reader_.joinable()) {
        const size_t limit = first_answer_ && before_first_reply_ ? limits_.first_answer : limits_.queue;
        first_answer_ = false;
        reader_ = std::thread([this, limit] { read_answer(limit); });
    }
    if (before_first_reply_) {
        // Cleared first: the hook runs once even if it throws.
        const std::function<void()> hook = std::move(before_first_reply_);
        before_first_reply_ = nullptr;
        hook();
    }
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !held_.empty(); });
        current_ = std::move(held_.front());
        held_.pop_front();
        held_bytes_ -= current_.bytes.size();
    }
    changed_.notify_all();
    if (current_.ends) reader_.join();  // it stops after the last datagram
    if (current_.error) return *current_.error;
    return Received{current_.bytes, current_.err};
}

void ReadAheadTransport::stop_reader() {
    if (!reader_.joinable()) return;
    {
        const std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    changed_.notify_all();
    reader_.join();
    const std::lock_guard lock(mutex_);
    held_.clear();
    held_bytes_ = 0;
    cancelled_ = false;
}

Result<int> ReadAheadTransport::send(const nlmsghdr* request) {
    stop_reader();
    return inner_->send(request);
}

Result<std::unique_ptr<Transport>> ReadAheadTransport::reopen() {
    stop_reader();
    auto fresh = inner_->reopen();
    if (!fresh) return fresh.error();
    return std::unique_ptr<Transport>(std::make_unique<ReadAheadTransport>(std::move(*fresh), nullptr, limits_));
}

}  // namespace netlens::netlink
