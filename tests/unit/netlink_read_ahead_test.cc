// Reading a dump answer ahead: the whole answer is taken from the kernel before the hook
// runs, handed out unchanged and in order afterwards, and whatever follows passes through.
#include "netlink/read_ahead_transport.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>

#include <cstring>
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

// Hands out prepared datagrams and counts how many were taken.
class QueuedTransport final : public Transport {
public:
    explicit QueuedTransport(std::vector<std::vector<std::byte>> datagrams) : datagrams_(std::move(datagrams)) {}
    int bus() const override { return NETLINK_SOCK_DIAG; }
    uint32_t port() const override { return 7; }
    Result<int> send(const nlmsghdr*) override { return 0; }
    Result<Received> receive() override {
        if (taken_ >= datagrams_.size()) return Error{ExitCode::failure, "nothing queued"};
        return Received{datagrams_[taken_++]};
    }
    Result<std::unique_ptr<Transport>> reopen() override { return Error{ExitCode::failure, "no reopen"}; }
    size_t taken() const { return taken_; }

private:
    std::vector<std::vector<std::byte>> datagrams_;
    size_t taken_ = 0;
};

std::vector<std::vector<std::byte>> dump_then_more() {
    return {joined({message(kData, NLM_F_MULTI, 1), message(kData, NLM_F_MULTI, 2)}),
            message(kData, NLM_F_MULTI, 3), message(NLMSG_DONE, NLM_F_MULTI),
            // The answer to a later request.
            message(NLMSG_ERROR, 0)};
}

TEST(ReadAheadTransport, ReadsTheWholeAnswerBeforeTheHookAndHandsItOutUnchanged) {
    const auto datagrams = dump_then_more();
    auto owned = std::make_unique<QueuedTransport>(datagrams);
    QueuedTransport& inner = *owned;
    size_t taken_when_hooked = 0;
    int hooks = 0;
    ReadAheadTransport transport(std::move(owned), [&] {
        ++hooks;
        taken_when_hooked = inner.taken();
    });
    EXPECT_EQ(transport.port(), 7u);
    for (size_t i = 0; i < datagrams.size(); ++i) {
        auto received = transport.receive();
        ASSERT_TRUE(received) << i;
        EXPECT_EQ(received->err, 0);
        ASSERT_EQ(received->bytes.size(), datagrams[i].size()) << i;
        EXPECT_EQ(std::memcmp(received->bytes.data(), datagrams[i].data(), datagrams[i].size()), 0) << i;
    }
    EXPECT_EQ(hooks, 1);
    EXPECT_EQ(taken_when_hooked, 3u);  // the dump up to NLMSG_DONE, not the later answer
    EXPECT_FALSE(static_cast<bool>(transport.receive()));
}

TEST(ReadAheadTransport, StopsReadingAheadAtTheLimit) {
    const auto datagrams = dump_then_more();
    auto owned = std::make_unique<QueuedTransport>(datagrams);
    QueuedTransport& inner = *owned;
    size_t taken_when_hooked = 0;
    ReadAheadTransport transport(std::move(owned), [&] { taken_when_hooked = inner.taken(); }, 1);
    for (size_t i = 0; i < datagrams.size(); ++i) {
        auto received = transport.receive();
        ASSERT_TRUE(received);
        EXPECT_EQ(received->bytes.size(), datagrams[i].size());
    }
    EXPECT_EQ(taken_when_hooked, 1u);
}

TEST(ReadAheadTransport, AFailureWhileReadingAheadComesAfterWhatWasRead) {
    auto owned = std::make_unique<QueuedTransport>(
        std::vector<std::vector<std::byte>>{message(kData, NLM_F_MULTI, 1)});  // no end: the queue runs dry
    bool hooked = false;
    ReadAheadTransport transport(std::move(owned), [&] { hooked = true; });
    auto first = transport.receive();
    ASSERT_TRUE(first);
    EXPECT_TRUE(hooked);
    auto second = transport.receive();
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().message, "nothing queued");
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
