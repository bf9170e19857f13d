// How questions are keyed (seq and pid zeroed, ethtool input without its trailing
// zeros) and how recorded datagrams are checked before libmnl walks them.
#include "source/entry.h"

#include <gtest/gtest.h>
#include <linux/netlink.h>

#include <cstring>
#include <vector>

namespace netlens::source {
namespace {

// Netlink messages laid end to end in a 4-byte aligned buffer.
std::vector<uint32_t> datagram(const std::vector<uint32_t>& lengths) {
    std::vector<uint32_t> words;
    for (const uint32_t length : lengths) {
        const size_t at = words.size();
        words.resize(at + std::max<size_t>((length + 3) / 4, 4));
        nlmsghdr header{.nlmsg_len = length, .nlmsg_type = 16, .nlmsg_seq = 77, .nlmsg_pid = 1234};
        std::memcpy(&words[at], &header, sizeof header);
    }
    return words;
}

std::span<const std::byte> bytes(const std::vector<uint32_t>& words) { return std::as_bytes(std::span(words)); }

TEST(MisfitNetlinkMessage, WholeMessagesFit) {
    EXPECT_FALSE(misfit_netlink_message(bytes(datagram({16, 20, 32}))).has_value());
    EXPECT_FALSE(misfit_netlink_message({}).has_value());
}

TEST(MisfitNetlinkMessage, LengthsShortOrPastTheEndAreNamedByOffset) {
    EXPECT_EQ(misfit_netlink_message(bytes(datagram({16, 8}))), 16u);
    auto words = datagram({16, 16});
    words[4] = 0xFFFFFFFD;  // the second message claims almost 4 GiB: libmnl would loop on it
    EXPECT_EQ(misfit_netlink_message(bytes(words)), 16u);
    words[4] = 17;
    EXPECT_EQ(misfit_netlink_message(bytes(words)), 16u);
}

TEST(NetlinkQuestion, SeqAndPidAreNotPartOfTheKey) {
    const auto first = datagram({16});
    auto second = first;
    second[2] = 99;  // nlmsg_seq
    second[3] = 5;   // nlmsg_pid
    EXPECT_EQ(netlink_question("", NETLINK_ROUTE, bytes(first)).question(),
              netlink_question("", NETLINK_ROUTE, bytes(second)).question());
    EXPECT_NE(netlink_question("", NETLINK_ROUTE, bytes(first)).question(),
              netlink_question("blue", NETLINK_ROUTE, bytes(first)).question());
}

TEST(ZeroNetlinkIds, EveryWholeMessage) {
    auto words = datagram({16, 20});
    zero_netlink_ids(std::as_writable_bytes(std::span(words)));
    EXPECT_EQ(words[2], 0u);
    EXPECT_EQ(words[3], 0u);
    EXPECT_EQ(words[6], 0u);
    EXPECT_EQ(words[7], 0u);
}

TEST(EthtoolQuestion, TheAnswerSpaceIsNotPartOfTheKey) {
    std::vector<uint32_t> buffer(64, 0);
    buffer[0] = 0x1d;  // ETHTOOL_GSTATS
    buffer[1] = 7;     // n_stats
    const auto question = ethtool_question("", "eth0", std::as_bytes(std::span(buffer)));
    EXPECT_EQ(question.number, 256u);
    EXPECT_EQ(question.request.size(), 5u);
    EXPECT_EQ(question.subject, "eth0");
}

}  // namespace
}  // namespace netlens::source
