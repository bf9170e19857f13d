// A netlink transport that passes everything through to another one and writes each
// exchange to a Recorder: the request, every reply datagram, and the errno that ended
// it, if one did. The Channel above decides when an exchange is over, so the entry is
// written when the next request starts, or when the transport is closed or replaced.
#pragma once

#include <memory>
#include <optional>

#include "netlink/transport.h"
#include "source/entry.h"
#include "source/recorder.h"

namespace netlens::source {

class RecordingTransport final : public netlink::Transport {
public:
    RecordingTransport(std::unique_ptr<netlink::Transport> inner, std::string netns,
                       std::shared_ptr<Recorder> recorder)
        : inner_(std::move(inner)), netns_(std::move(netns)), recorder_(std::move(recorder)) {}
    RecordingTransport(const RecordingTransport&) = delete;
    RecordingTransport& operator=(const RecordingTransport&) = delete;
    ~RecordingTransport() override { flush(); }

    int bus() const override { return inner_->bus(); }
    uint32_t port() const override { return inner_->port(); }
    Result<int> send(const nlmsghdr* request) override;
    Result<netlink::Received> receive() override;
    Result<std::unique_ptr<netlink::Transport>> reopen() override;

private:
    void flush();

    std::unique_ptr<netlink::Transport> inner_;
    std::string netns_;
    std::shared_ptr<Recorder> recorder_;
    std::optional<Entry> exchange_;  // the one under way
};

}  // namespace netlens::source
