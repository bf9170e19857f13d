// Reading answers ahead on a thread: the whole first answer is taken while the hook holds
// the caller, every datagram is handed out unchanged and in order, the limits bound how far
// ahead the reader gets, and a new request stops a reader left half way.
#include "netlink/read_ahead_transport.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <string>
#include <vector>

namespace netlens::netlink {
namespace {

// One netlink message of the given type and flags with a 4-byte payload.
std::vector<std::byte> message(uint16_t type, uint16_t flags, uint32_t payload = 0) {
    std::vector<std::byte> bytes(NLMSG_SPACE(sizeof payload));
    nlmsghdr header{};
    header.nlmsg_len = NLMSG_LENGTH(sizeof payload);
    header.nlmsg_type = type;
    header.nlmsg_flags = flags;
    std::memcpy(bytes.data(), &header, sizeof header);
    std::memcpy(bytes.data() + NLMSG_HDRLEN, &payload, sizeof payload);
    return bytes;
}

std::vector<std::byte> joined(std::vector<std::vector<std::byte>> parts) {
    std::vector<std::byte> bytes;
    for (const auto& part : parts) bytes.insert(bytes.end(), part.begin(), part.end());
    return bytes;
}

constexpr uint16_t kData = 20;  // SOCK_DIAG_BY_FAMILY

// Hands out prepared datagrams and counts how many were taken (from the reader thread).
class QueuedTransport final : public Transport {
public:
    explicit QueuedTransport(std::vector<std::vector<std::byte>> datagrams) : datagrams_(std::move(datagrams)) {}
    int bus() const override { return NETLINK_SOCK_DIAG; }
    uint32_t port() const override { return 7; }
    Result<int> send(const nlmsghdr*) override { return 0; }
    Result<Received> receive() override {
        const size_t next = taken_.load();
        if (next >= datagrams_.size()) return Error{ExitCode::failure, "nothing queued"};
        taken_.store(next + 1);
        return Received{datagrams_[next]};
    }
    Result<std::unique_ptr<Transport>> reopen() override { return Error{ExitCode::failure, "no reopen"}; }
    size_t taken() const { return taken_.load(); }

private:
    std::vector<std::vector<std::byte>> datagrams_;
    std::atomic<size_t> taken_{0};
};

std::vector<std::vector<std::byte>> dump_then_more() {
    return {joined({message(kData, NLM_F_MULTI, 1), message(kData, NLM_F_MULTI, 2)}),
            message(kData, NLM_F_MULTI, 3), message(NLMSG_DONE, NLM_F_MULTI),
            // The answer to a later request.
            message(NLMSG_ERROR, 0)};
}

// Waits up to a second for the reader thread to have taken `count` datagrams.
bool taken_within_a_second(const QueuedTransport& inner, size_t count) {
    for (int i = 0; i < 1000 && inner.taken() < count; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return inner.taken() >= count;
}

void expect_datagram(Result<Received> received, const std::vector<std::byte>& expected) {
    ASSERT_TRUE(received);
    EXPECT_EQ(received->err, 0);
    ASSERT_EQ(received->bytes.size(), expected.size());
    EXPECT_EQ(std::memcmp(received->bytes.data(), expected.data(), expected.size()), 0);
}

TEST(ReadAheadTransport, TakesTheWholeAnswerWhileTheHookHoldsTheCaller) {
    const auto datagrams = dump_then_more();
    auto owned = std::make_unique<QueuedTransport>(datagrams);
    QueuedTransport& inner = *owned;
    bool whole_answer_taken = false;
    int hooks = 0;
    ReadAheadTransport transport(std::move(owned), [&] {
        ++hooks;
        whole_answer_taken = taken_within_a_second(inner, 3);
    });
    EXPECT_EQ(transport.port(), 7u);
    for (size_t i = 0; i < 3; ++i) expect_datagram(transport.receive(), datagrams[i]);
    EXPECT_EQ(hooks, 1);
    EXPECT_TRUE(whole_answer_taken);
    EXPECT_EQ(inner.taken(), 3u);  // the dump up to NLMSG_DONE, not the later answer
    // The next answer, after its request, passes through unchanged.
    ASSERT_TRUE(transport.send(nullptr));
    expect_datagram(transport.receive(), datagrams[3]);
    EXPECT_EQ(hooks, 1);
}

TEST(ReadAheadTransport, ReadsNoFurtherAheadThanTheLimits) {
    std::vector<std::vector<std::byte>> datagrams;
    for (uint32_t i = 0; i < 10; ++i) datagrams.push_back(message(kData, NLM_F_MULTI, i));
    datagrams.push_back(message(NLMSG_DONE, NLM_F_MULTI));
    auto owned = std::make_unique<QueuedTransport>(datagrams);
    QueuedTransport& inner = *owned;
    size_t taken_during_hook = 0;
    // Limits of one byte: the reader holds one datagram and waits with the next in hand.
    ReadAheadTransport transport(
        std::move(owned),
        [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            taken_during_hook = inner.taken();
        },
        ReadAheadTransport::Limits{.first_answer = 1, .queue = 1});
    for (size_t i = 0; i < datagrams.size(); ++i) {
        expect_datagram(transport.receive(), datagrams[i]);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_LE(inner.taken(), i + 3) << "handed out " << i + 1;
    }
    EXPECT_EQ(taken_during_hook, 2u);
}

TEST(ReadAheadTransport, AFailureComesAfterWhatWasReadBeforeIt) {
    auto owned = std::make_unique<QueuedTransport>(
        std::vector<std::vector<std::byte>>{message(kData, NLM_F_MULTI, 1)});  // no end: the queue runs dry
    bool hooked = false;
    ReadAheadTransport transport(std::move(owned), [&] { hooked = true; });
    ASSERT_TRUE(transport.receive());
    EXPECT_TRUE(hooked);
    auto second = transport.receive();
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().message, "nothing queued");
}

TEST(ReadAheadTransport, ANewRequestStopsAReaderLeftHalfWay) {
    std::vector<std::vector<std::byte>> datagrams(200, message(kData, NLM_F_MULTI, 1));
    datagrams.push_back(message(NLMSG_DONE, NLM_F_MULTI));
    ReadAheadTransport transport(std::make_unique<QueuedTransport>(datagrams), nullptr,
                                 ReadAheadTransport::Limits{.first_answer = 1, .queue = 1});
    ASSERT_TRUE(transport.receive());
    ASSERT_TRUE(transport.send(nullptr));  // must not wait for the rest of the answer
}

TEST(EndsAnswer, DoneErrorAndSinglePartRepliesEndIt) {
    EXPECT_TRUE(ends_answer(message(NLMSG_DONE, NLM_F_MULTI)));
    EXPECT_TRUE(ends_answer(message(NLMSG_ERROR, 0)));
    EXPECT_TRUE(ends_answer(message(kData, 0)));
    EXPECT_FALSE(ends_answer(message(kData, NLM_F_MULTI)));
    EXPECT_TRUE(ends_answer(joined({message(kData, NLM_F_MULTI), message(NLMSG_DONE, NLM_F_MULTI)})));
    EXPECT_FALSE(ends_answer(joined({message(kData, NLM_F_MULTI), message(kData, NLM_F_MULTI)})));
}

TEST(EndsAnswer, DamagedDatagramsEndIt) {
    EXPECT_TRUE(ends_answer({}));
    auto whole = message(kData, NLM_F_MULTI);
    EXPECT_TRUE(ends_answer(std::span(whole).first(NLMSG_HDRLEN - 1)));  // shorter than a header
    auto too_long = whole;
    const uint32_t length = 4096;
    std::memcpy(too_long.data(), &length, sizeof length);
    EXPECT_TRUE(ends_answer(too_long));
    auto too_short = whole;
    const uint32_t tiny = 3;
    std::memcpy(too_short.data(), &tiny, sizeof tiny);
    EXPECT_TRUE(ends_answer(too_short));
}

}  // namespace
}  // namespace netlens::netlink
