#include "netlink/request.h"

#include <gtest/gtest.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "sockets/diag/diag_query.h"
#include "sockets/filter/bytecode.h"
#include "sockets/filter/filter.h"

namespace netlens::netlink {
namespace {

// Every attribute after the fixed header, checked the way the kernel walks them.
std::vector<const nlattr*> attributes_of(const nlmsghdr* message, size_t fixed_header) {
    std::vector<const nlattr*> found;
    const auto* start = static_cast<const char*>(mnl_nlmsg_get_payload_offset(message, fixed_header));
    const auto* end = reinterpret_cast<const char*>(message) + message->nlmsg_len;
    for (const char* at = start; at < end;) {
        const auto* attribute = reinterpret_cast<const nlattr*>(at);
        EXPECT_GE(attribute->nla_len, NLA_HDRLEN);
        EXPECT_LE(at + attribute->nla_len, end);
        found.push_back(attribute);
        at += NLA_ALIGN(attribute->nla_len);
    }
    return found;
}

TEST(NetlinkRequest, GrowsToFitALargeAttribute) {
    RequestBuffer buffer;
    auto* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    buffer.put_extra_header<inet_diag_req_v2>(header)->sdiag_family = AF_INET;
    const std::vector<uint8_t> payload(40000, 0xab);
    ASSERT_TRUE(buffer.put_attribute(INET_DIAG_REQ_BYTECODE, payload));
    const nlmsghdr* message = buffer.message();
    EXPECT_EQ(message->nlmsg_len, NLMSG_LENGTH(sizeof(inet_diag_req_v2)) + NLA_HDRLEN + payload.size());
    EXPECT_LE(message->nlmsg_len, buffer.capacity());
    EXPECT_EQ(static_cast<const inet_diag_req_v2*>(mnl_nlmsg_get_payload(message))->sdiag_family, AF_INET);
    const auto attributes = attributes_of(message, sizeof(inet_diag_req_v2));
    ASSERT_EQ(attributes.size(), 1u);
    EXPECT_EQ(mnl_attr_get_payload_len(attributes[0]), payload.size());
    EXPECT_EQ(static_cast<const uint8_t*>(mnl_attr_get_payload(attributes[0]))[39999], 0xab);
}

TEST(NetlinkRequest, RefusesAnAttributeNlaLenCannotHold) {
    RequestBuffer buffer;
    auto* header = buffer.start(RTM_GETROUTE, 0);
    buffer.put_extra_header<rtmsg>(header);
    const uint32_t before = buffer.message()->nlmsg_len;
    ASSERT_TRUE(buffer.put_attribute(1, std::vector<uint8_t>(kMaxAttributePayload, 1)));
    const uint32_t fitted = buffer.message()->nlmsg_len;
    EXPECT_GT(fitted, before);
    const auto refused = buffer.put_attribute(2, std::vector<uint8_t>(kMaxAttributePayload + 1, 1));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ExitCode::usage);
    EXPECT_NE(refused.error().message.find("65531"), std::string::npos);
    EXPECT_EQ(buffer.message()->nlmsg_len, fitted);  // left as it was
}

TEST(NetlinkRequest, RefusesARequestOverTheSizeLimit) {
    RequestBuffer buffer;
    buffer.start(RTM_GETROUTE, 0);
    const std::vector<uint8_t> big(kMaxAttributePayload, 7);
    size_t accepted = 0;
    while (buffer.put_attribute(1, big)) ++accepted;
    EXPECT_EQ(accepted, (kMaxRequestSize - NLMSG_HDRLEN) / (NLA_HDRLEN + NLA_ALIGN(big.size())));
    EXPECT_LE(buffer.message()->nlmsg_len, kMaxRequestSize);
    EXPECT_LE(buffer.message()->nlmsg_len, buffer.capacity());
}

TEST(NetlinkRequest, StartForgetsThePreviousRequest) {
    RequestBuffer buffer;
    buffer.start(RTM_GETROUTE, 0);
    ASSERT_TRUE(buffer.put_u32(RTA_OIF, 7));
    auto* header = buffer.start(RTM_GETLINK, NLM_F_DUMP);
    EXPECT_EQ(header->nlmsg_len, NLMSG_HDRLEN);
    EXPECT_EQ(header->nlmsg_type, RTM_GETLINK);
    EXPECT_EQ(header->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
}

// parse -> compile -> build, for filters of thousands of terms: every request that is
// built is consistent, and one too large is an error, never a write past the buffer.
// (Run under ASan by the fuzz preset.)
TEST(NetlinkRequest, LongFiltersBuildWholeRequestsOrFail) {
    for (const size_t terms : {100, 1000, 2000, 3000, 4000, 8000}) {
        for (const bool v6 : {false, true}) {
            std::string text;
            for (size_t i = 0; i < terms; ++i) {
                text += (i ? " or " : "");
                text += v6 ? "dst [fd00::" + std::to_string(i + 1) + "]"
                           : "dst 10." + std::to_string(i / 250 % 250) + "." + std::to_string(i % 250) + ".1";
            }
            auto filter = sockets::parse_filter({text});
            if (!filter) {
                EXPECT_EQ(filter.error().code, ExitCode::usage) << terms;
                continue;
            }
            const auto program = sockets::compile_inet_bytecode(*filter);
            if (!program) continue;  // left to user space
            sockets::DiagRequest request;
            request.family = v6 ? AF_INET6 : AF_INET;
            request.bytecode = *program;
            RequestBuffer buffer;
            const auto built = sockets::build_diag_request(buffer, request);
            if (!built) {
                EXPECT_EQ(built.error().code, ExitCode::usage);
                continue;
            }
            const nlmsghdr* message = buffer.message();
            EXPECT_LE(message->nlmsg_len, buffer.capacity());
            EXPECT_EQ(message->nlmsg_len % 4, 0u);
            const auto attributes = attributes_of(message, sizeof(inet_diag_req_v2));
            ASSERT_EQ(attributes.size(), 1u);
            EXPECT_EQ(mnl_attr_get_payload_len(attributes[0]), program->size());
        }
    }
}

}  // namespace
}  // namespace netlens::netlink
