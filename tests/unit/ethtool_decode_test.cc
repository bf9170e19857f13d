// Decoding the ethtool generic netlink family's replies, built by hand as the kernel
// lays them out (a genl header, a nested request header naming the device, the
// answer's attributes), and the damaged ones a replay or a fuzzer can hand us.
#include "iface/ethtool_decode.h"

#include <gtest/gtest.h>
#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "rtnl_test_support.h"

namespace netlens::iface {
namespace {

using test_support::Messages;

constexpr uint16_t kFamily = 27;

nlmsghdr* put_reply(Messages& messages, uint8_t command, int ifindex, const char* device) {
    nlmsghdr* header = messages.add(kFamily);
    auto* generic = messages.extra<genlmsghdr>(header);
    generic->cmd = command;
    generic->version = ETHTOOL_GENL_VERSION;
    nlattr* nest = mnl_attr_nest_start(header, 1);
    mnl_attr_put_u32(header, ETHTOOL_A_HEADER_DEV_INDEX, static_cast<uint32_t>(ifindex));
    mnl_attr_put_strz(header, ETHTOOL_A_HEADER_DEV_NAME, device);
    mnl_attr_nest_end(header, nest);
    return header;
}

TEST(EthtoolDecode, FamilyIdFromTheController) {
    Messages messages;
    nlmsghdr* header = messages.add(GENL_ID_CTRL);
    messages.extra<genlmsghdr>(header)->cmd = CTRL_CMD_NEWFAMILY;
    mnl_attr_put_strz(header, CTRL_ATTR_FAMILY_NAME, ETHTOOL_GENL_NAME);
    mnl_attr_put_u16(header, CTRL_ATTR_FAMILY_ID, kFamily);
    EXPECT_EQ(decode_family_id(header), kFamily);

    nlmsghdr* without = messages.add(GENL_ID_CTRL);
    messages.extra<genlmsghdr>(without)->cmd = CTRL_CMD_NEWFAMILY;
    EXPECT_FALSE(decode_family_id(without).has_value());
}

TEST(EthtoolDecode, LinkModes) {
    Messages messages;
    nlmsghdr* header = put_reply(messages, ETHTOOL_MSG_LINKMODES_GET_REPLY, 3, "v0");
    mnl_attr_put_u8(header, ETHTOOL_A_LINKMODES_AUTONEG, AUTONEG_DISABLE);
    mnl_attr_put_u32(header, ETHTOOL_A_LINKMODES_SPEED, 10000);
    mnl_attr_put_u8(header, ETHTOOL_A_LINKMODES_DUPLEX, DUPLEX_FULL);

    const auto reply = decode_ethtool_header(header);
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->command, ETHTOOL_MSG_LINKMODES_GET_REPLY);
    EXPECT_EQ(reply->ifindex, 3);
    EXPECT_EQ(reply->device, "v0");
    EthtoolLink link;
    ASSERT_TRUE(apply_ethtool_reply(header, link));
    EXPECT_EQ(link.speed_mbps, 10000u);
    EXPECT_EQ(link.duplex, DUPLEX_FULL);
    EXPECT_EQ(link.autoneg, AUTONEG_DISABLE);
    EXPECT_FALSE(link.port.has_value());
}

TEST(EthtoolDecode, LinkInfoAndLinkStateAddToTheSameLink) {
    Messages messages;
    nlmsghdr* info = put_reply(messages, ETHTOOL_MSG_LINKINFO_GET_REPLY, 3, "v0");
    mnl_attr_put_u8(info, ETHTOOL_A_LINKINFO_PORT, PORT_TP);
    mnl_attr_put_u8(info, ETHTOOL_A_LINKINFO_PHYADDR, 0);
    mnl_attr_put_u8(info, ETHTOOL_A_LINKINFO_TP_MDIX, ETH_TP_MDI_INVALID);
    mnl_attr_put_u8(info, ETHTOOL_A_LINKINFO_TP_MDIX_CTRL, ETH_TP_MDI_INVALID);
    mnl_attr_put_u8(info, ETHTOOL_A_LINKINFO_TRANSCEIVER, XCVR_INTERNAL);
    nlmsghdr* state = put_reply(messages, ETHTOOL_MSG_LINKSTATE_GET_REPLY, 3, "v0");
    mnl_attr_put_u8(state, ETHTOOL_A_LINKSTATE_LINK, 0);

    EthtoolLink link;
    ASSERT_TRUE(apply_ethtool_reply(info, link));
    ASSERT_TRUE(apply_ethtool_reply(state, link));
    EXPECT_EQ(link.port, PORT_TP);
    EXPECT_EQ(link.phy_address, 0);
    EXPECT_EQ(link.transceiver, XCVR_INTERNAL);
    EXPECT_EQ(link.mdix, ETH_TP_MDI_INVALID);
    EXPECT_EQ(link.mdix_ctrl, ETH_TP_MDI_INVALID);
    EXPECT_EQ(link.link_detected, false);
}

TEST(EthtoolDecode, ShortAttributesAreAbsent) {
    Messages messages;
    nlmsghdr* header = put_reply(messages, ETHTOOL_MSG_LINKMODES_GET_REPLY, 3, "v0");
    mnl_attr_put_u16(header, ETHTOOL_A_LINKMODES_SPEED, 1000);  // 2 bytes where 4 are due
    mnl_attr_put(header, ETHTOOL_A_LINKMODES_DUPLEX, 0, nullptr);
    EthtoolLink link;
    ASSERT_TRUE(apply_ethtool_reply(header, link));
    EXPECT_FALSE(link.speed_mbps.has_value());
    EXPECT_FALSE(link.duplex.has_value());
}

TEST(EthtoolDecode, AReplyWithoutDeviceIndexOrOfAnotherKindIsRejected) {
    Messages messages;
    nlmsghdr* nameless = messages.add(kFamily);
    messages.extra<genlmsghdr>(nameless)->cmd = ETHTOOL_MSG_LINKSTATE_GET_REPLY;
    nlattr* nest = mnl_attr_nest_start(nameless, 1);
    mnl_attr_put_strz(nameless, ETHTOOL_A_HEADER_DEV_NAME, "v0");
    mnl_attr_nest_end(nameless, nest);
    EXPECT_FALSE(decode_ethtool_header(nameless).has_value());

    nlmsghdr* other = put_reply(messages, ETHTOOL_MSG_RINGS_GET_REPLY, 3, "v0");
    EthtoolLink link;
    EXPECT_FALSE(apply_ethtool_reply(other, link));
}

TEST(EthtoolDecode, ShorterThanTheGenericHeaderIsRejected) {
    Messages messages;
    nlmsghdr* header = messages.add(kFamily);  // no genlmsghdr at all
    EXPECT_FALSE(decode_ethtool_header(header).has_value());
    EXPECT_FALSE(decode_family_id(header).has_value());
    EthtoolLink link;
    EXPECT_FALSE(apply_ethtool_reply(header, link));
}

TEST(EthtoolDecode, BufferWalkCountsAndStopsAtATruncatedMessage) {
    Messages messages;
    put_reply(messages, ETHTOOL_MSG_LINKMODES_GET_REPLY, 3, "v0");
    put_reply(messages, ETHTOOL_MSG_LINKSTATE_GET_REPLY, 3, "v0");
    messages.add(kFamily);  // undecodable: no header
    const size_t whole = messages.used();
    put_reply(messages, ETHTOOL_MSG_LINKINFO_GET_REPLY, 4, "v1");

    const auto decoded = decode_ethtool_messages(messages.span());
    EXPECT_EQ(decoded.applied, 3u);
    EXPECT_EQ(decoded.undecodable, 1u);
    EXPECT_EQ(decoded.bytes_used, messages.used());

    const auto cut = decode_ethtool_messages(messages.prefix(whole + 10));
    EXPECT_EQ(cut.applied, 2u);
    EXPECT_EQ(cut.bytes_used, whole);
}

}  // namespace
}  // namespace netlens::iface
