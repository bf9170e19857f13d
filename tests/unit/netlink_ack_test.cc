#include "netlink/ack.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace netlens::netlink {
namespace {

// Builds one message into aligned storage.
struct Message {
    std::vector<uint32_t> words = std::vector<uint32_t>(256);
    nlmsghdr* header = mnl_nlmsg_put_header(words.data());
    std::span<const uint8_t> bytes() const { return {reinterpret_cast<const uint8_t*>(words.data()), header->nlmsg_len}; }
};

Message done_with(int32_t value) {
    Message m;
    m.header->nlmsg_type = NLMSG_DONE;
    m.header->nlmsg_flags = NLM_F_MULTI;
    std::memcpy(mnl_nlmsg_put_extra_header(m.header, sizeof(value)), &value, sizeof(value));
    return m;
}

TEST(NetlinkAck, DoneWithANegativeErrnoIsAnError) {
    // What a sock_diag dump of a protocol without its diag module ends with.
    const auto ack = parse_kernel_ack(done_with(-ENOENT).bytes());
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->error, ENOENT);
}

TEST(NetlinkAck, DoneWithZeroOrNoIntIsSuccess) {
    EXPECT_EQ(parse_kernel_ack(done_with(0).bytes())->error, 0);
    Message bare;
    bare.header->nlmsg_type = NLMSG_DONE;
    EXPECT_EQ(parse_kernel_ack(bare.bytes())->error, 0);
}

TEST(NetlinkAck, DoneKeepsTheKernelsMessage) {
    auto m = done_with(-EINVAL);
    m.header->nlmsg_flags |= NLM_F_ACK_TLVS;
    mnl_attr_put_strz(m.header, NLMSGERR_ATTR_MSG, "bad bytecode");
    const auto ack = parse_kernel_ack(m.bytes());
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->error, EINVAL);
    EXPECT_EQ(ack->message, "bad bytecode");
    EXPECT_EQ(ack_details(*ack), " (kernel: bad bytecode)");
}

TEST(NetlinkAck, ErrorWithEchoedRequestAndExtendedAck) {
    Message m;
    m.header->nlmsg_type = NLMSG_ERROR;
    m.header->nlmsg_flags = NLM_F_ACK_TLVS;
    auto* error = static_cast<nlmsgerr*>(mnl_nlmsg_put_extra_header(m.header, sizeof(nlmsgerr)));
    error->error = -EACCES;
    error->msg.nlmsg_len = NLMSG_LENGTH(12);  // the echoed request: a header and 12 bytes
    mnl_nlmsg_put_extra_header(m.header, 12);
    mnl_attr_put_strz(m.header, NLMSGERR_ATTR_MSG, "no");
    mnl_attr_put_u32(m.header, NLMSGERR_ATTR_OFFS, 20);
    mnl_attr_put_u32(m.header, NLMSGERR_ATTR_MISS_TYPE, 3);
    const auto ack = parse_kernel_ack(m.bytes());
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->error, EACCES);
    EXPECT_EQ(ack->message, "no");
    EXPECT_EQ(ack->offset, 20u);
    EXPECT_EQ(ack->missing_attribute, 3u);
}

TEST(NetlinkAck, PlainAckAndOddErrors) {
    Message m;
    m.header->nlmsg_type = NLMSG_ERROR;
    auto* error = static_cast<nlmsgerr*>(mnl_nlmsg_put_extra_header(m.header, sizeof(nlmsgerr)));
    EXPECT_EQ(parse_kernel_ack(m.bytes())->error, 0);
    error->error = 5;  // not a negative errno: an error all the same
    EXPECT_EQ(parse_kernel_ack(m.bytes())->error, EPROTO);
    error->error = INT32_MIN;
    EXPECT_EQ(parse_kernel_ack(m.bytes())->error, EPROTO);
}

TEST(NetlinkAck, ShortOrLyingMessagesAreNotAcks) {
    Message m;
    m.header->nlmsg_type = NLMSG_ERROR;
    EXPECT_FALSE(parse_kernel_ack(m.bytes()));  // no nlmsgerr
    EXPECT_FALSE(parse_kernel_ack(m.bytes().first(8)));
    // An echoed length far past the message and attributes that overrun: ignored.
    auto* error = static_cast<nlmsgerr*>(mnl_nlmsg_put_extra_header(m.header, sizeof(nlmsgerr)));
    error->error = -EINVAL;
    error->msg.nlmsg_len = 0xFFFFFFF0;
    m.header->nlmsg_flags = NLM_F_ACK_TLVS;
    const auto ack = parse_kernel_ack(m.bytes());
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->error, EINVAL);
    EXPECT_TRUE(ack->message.empty());
}

}  // namespace
}  // namespace netlens::netlink
