#include "netlink/channel.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace netlens::netlink {
namespace {

// Answers every request with prepared datagrams, stamped with the request's sequence.
class ScriptedTransport final : public Transport {
public:
    explicit ScriptedTransport(std::vector<std::vector<uint32_t>> datagrams) : datagrams_(std::move(datagrams)) {}
    int bus() const override { return NETLINK_SOCK_DIAG; }
    uint32_t port() const override { return 0; }
    Result<int> send(const nlmsghdr* request) override {
        sequence_ = request->nlmsg_seq;
        return 0;
    }
    Result<Received> receive() override {
        if (next_ >= datagrams_.size()) return Error{ExitCode::failure, "no more datagrams"};
        auto& words = datagrams_[next_++];
        auto* header = reinterpret_cast<nlmsghdr*>(words.data());
        header->nlmsg_seq = sequence_;
        return Received{std::as_bytes(std::span(reinterpret_cast<const char*>(words.data()), header->nlmsg_len))};
    }
    Result<std::unique_ptr<Transport>> reopen() override { return Error{ExitCode::failure, "no reopen"}; }

private:
    std::vector<std::vector<uint32_t>> datagrams_;
    size_t next_ = 0;
    uint32_t sequence_ = 0;
};

std::vector<uint32_t> done_with(int32_t value) {
    std::vector<uint32_t> words(16);
    auto* header = mnl_nlmsg_put_header(words.data());
    header->nlmsg_type = NLMSG_DONE;
    header->nlmsg_flags = NLM_F_MULTI;
    std::memcpy(mnl_nlmsg_put_extra_header(header, sizeof(value)), &value, sizeof(value));
    return words;
}

struct Outcome {
    Result<Done> result;
    int last_errno;
    size_t messages;
};

Outcome dump_with(std::vector<std::vector<uint32_t>> datagrams) {
    Channel channel(std::make_unique<ScriptedTransport>(std::move(datagrams)));
    RequestBuffer request;
    request.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    size_t messages = 0;
    auto result = channel.dump(request.message(), [&](const nlmsghdr*) { ++messages; }, "raw socket dump", [] {});
    return {std::move(result), channel.last_errno(), messages};
}

TEST(NetlinkChannel, ADumpEndingInAnErrnoIsAnErrorNotAnEmptyAnswer) {
    const auto outcome = dump_with({done_with(-ENOENT)});
    ASSERT_FALSE(outcome.result);
    EXPECT_EQ(outcome.result.error().code, ExitCode::failure);
    EXPECT_EQ(outcome.result.error().message, "raw socket dump: " + errno_text(ENOENT));
    EXPECT_EQ(outcome.last_errno, ENOENT);
    EXPECT_EQ(outcome.messages, 0u);
}

TEST(NetlinkChannel, ADumpEndingInZeroSucceeds) {
    const auto outcome = dump_with({done_with(0)});
    EXPECT_TRUE(outcome.result);
    EXPECT_EQ(outcome.last_errno, 0);
}

TEST(NetlinkChannel, AnErrorMessageCarriesTheKernelsWords) {
    std::vector<uint32_t> words(64);
    auto* header = mnl_nlmsg_put_header(words.data());
    header->nlmsg_type = NLMSG_ERROR;
    header->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
    auto* error = static_cast<nlmsgerr*>(mnl_nlmsg_put_extra_header(header, sizeof(nlmsgerr)));
    error->error = -EINVAL;
    error->msg.nlmsg_len = NLMSG_HDRLEN;
    mnl_attr_put_strz(header, NLMSGERR_ATTR_MSG, "bytecode is bad");
    const auto outcome = dump_with({words});
    ASSERT_FALSE(outcome.result);
    EXPECT_EQ(outcome.result.error().message, "raw socket dump: " + errno_text(EINVAL) + " (kernel: bytecode is bad)");
}

}  // namespace
}  // namespace netlens::netlink
