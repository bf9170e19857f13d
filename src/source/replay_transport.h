// A netlink transport that answers from a recording: a request is looked up (with seq
// and pid zeroed, as recorded) and its recorded datagrams are handed out in order. The
// recorded replies carry seq and pid 0, which libmnl accepts for any request, and the
// port is 0, so no check against a live socket's port applies.
#pragma once

#include <memory>

#include "netlink/transport.h"
#include "source/replay_cursor.h"

namespace netlens::source {

class ReplayTransport final : public netlink::Transport {
public:
    ReplayTransport(std::shared_ptr<ReplayCursor> cursor, std::string netns, int bus)
        : cursor_(std::move(cursor)), netns_(std::move(netns)), bus_(bus) {}

    int bus() const override { return bus_; }
    uint32_t port() const override { return 0; }
    Result<int> send(const nlmsghdr* request) override;
    Result<netlink::Received> receive() override;
    Result<std::unique_ptr<netlink::Transport>> reopen() override;

private:
    std::shared_ptr<ReplayCursor> cursor_;
    std::string netns_;
    int bus_;
    const Entry* exchange_ = nullptr;  // the recorded answer being served
    size_t next_part_ = 0;
};

}  // namespace netlens::source
