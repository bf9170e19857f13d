// A transport that reads each answer ahead on a thread of its own: the kernel builds a
// sock_diag dump while it is being read (walking its socket tables in recvmsg), so a
// reader thread keeps the kernel busy while the caller's thread decodes and prints what
// came before. Two cores then share the work that one did in turn.
//
// The first answer can also be waited on: `before_first_reply` runs on the caller's
// thread before any reply is handed out (sockets -p walks /proc there), while the reader
// goes on taking the answer, up to `first_answer_limit` bytes. Later answers are read at
// most `queue_limit` bytes ahead of the caller.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "netlink/transport.h"

namespace netlens::netlink {

class ReadAheadTransport final : public Transport {
public:
    struct Limits {
        size_t first_answer = 64 * 1024 * 1024;  // a dump of 100 k sockets is about 15 MiB
        size_t queue = 2 * 1024 * 1024;          // 64 datagrams of 32 KiB
    };

    ReadAheadTransport(std::unique_ptr<Transport> inner, std::function<void()> before_first_reply);
    ReadAheadTransport(std::unique_ptr<Transport> inner, std::function<void()> before_first_reply, Limits limits);
    ~ReadAheadTransport() override;

    int bus() const override { return inner_->bus(); }
    uint32_t port() const override { return inner_->port(); }
    Result<int> send(const nlmsghdr* request) override;
    Result<Received> receive() override;
    Result<std::unique_ptr<Transport>> reopen() override;

private:
    struct Held {
        std::vector<std::byte> bytes;
        int err = 0;
        std::optional<Error> error;  // the inner transport could not answer
        bool ends = false;           // the last datagram of its answer
    };
    void read_answer(size_t limit);
    // Stops a reader that is still running (the caller left an answer half read) and
    // drops what it held.
    void stop_reader();

    std::unique_ptr<Transport> inner_;
    std::function<void()> before_first_reply_;  // empty once it has run
    Limits limits_;
    bool first_answer_ = true;

    std::thread reader_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Held> held_;  // guarded by mutex_, as are the two below
    size_t held_bytes_ = 0;
    bool cancelled_ = false;

    Held current_;  // the datagram handed out last
};

// True when this datagram ends an answer: it holds NLMSG_DONE or NLMSG_ERROR, or a
// message that is not part of a multipart reply. A datagram that cannot be parsed also
// ends it: the channel that reads it will say what is wrong.
bool ends_answer(std::span<const std::byte> datagram);

}  // namespace netlens::netlink
