// Names for rtnetlink constants must read as ip(8) prints them, and unknown values must
// come out as numbers rather than vanish.
#include "iface/rtnl_names.h"

#include <gtest/gtest.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <array>
#include <string>
#include <vector>

namespace netlens::iface {
namespace {

using Names = std::vector<std::string>;

TEST(RtnlNames, Operstate) {
    EXPECT_EQ(operstate_name(IF_OPER_UP), "UP");
    EXPECT_EQ(operstate_name(IF_OPER_DOWN), "DOWN");
    EXPECT_EQ(operstate_name(IF_OPER_LOWERLAYERDOWN), "LOWERLAYERDOWN");
    EXPECT_EQ(operstate_name(IF_OPER_UNKNOWN), "UNKNOWN");
    EXPECT_EQ(operstate_name(IF_OPER_DORMANT), "DORMANT");
    EXPECT_EQ(operstate_name(200), "200");
}

TEST(RtnlNames, LinkFlagsInIpOrder) {
    EXPECT_EQ(link_flag_names(IFF_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_LOWER_UP),
              (Names{"BROADCAST", "MULTICAST", "UP", "LOWER_UP"}));
    EXPECT_EQ(link_flag_names(IFF_LOOPBACK | IFF_UP | IFF_LOWER_UP), (Names{"LOOPBACK", "UP", "LOWER_UP"}));
    EXPECT_EQ(link_flag_names(IFF_NOARP | IFF_POINTOPOINT), (Names{"POINTOPOINT", "NOARP"}));
    EXPECT_EQ(link_flag_names(IFF_MASTER | IFF_SLAVE | IFF_PROMISC), (Names{"PROMISC", "MASTER", "SLAVE"}));
    EXPECT_TRUE(link_flag_names(0).empty());
}

TEST(RtnlNames, NeighbourStates) {
    EXPECT_EQ(neighbour_state_names(NUD_NONE), (Names{"NONE"}));
    EXPECT_EQ(neighbour_state_names(NUD_REACHABLE), (Names{"REACHABLE"}));
    EXPECT_EQ(neighbour_state_names(NUD_FAILED), (Names{"FAILED"}));
    EXPECT_EQ(neighbour_state_names(NUD_INCOMPLETE), (Names{"INCOMPLETE"}));
    EXPECT_EQ(neighbour_state_names(NUD_PERMANENT), (Names{"PERMANENT"}));
    EXPECT_EQ(neighbour_state_names(NUD_STALE | NUD_NOARP), (Names{"STALE", "NOARP"}));
}

TEST(RtnlNames, RouteTypes) {
    EXPECT_EQ(route_type_name(RTN_UNICAST), "unicast");
    EXPECT_EQ(route_type_name(RTN_LOCAL), "local");
    EXPECT_EQ(route_type_name(RTN_BLACKHOLE), "blackhole");
    EXPECT_EQ(route_type_name(RTN_UNREACHABLE), "unreachable");
    EXPECT_EQ(route_type_name(RTN_PROHIBIT), "prohibit");
    EXPECT_EQ(route_type_name(RTN_UNSPEC), "none");
    EXPECT_EQ(route_type_name(42), "42");
}

TEST(RtnlNames, RouteProtocols) {
    EXPECT_EQ(route_protocol_name(RTPROT_KERNEL), "kernel");
    EXPECT_EQ(route_protocol_name(RTPROT_BOOT), "boot");
    EXPECT_EQ(route_protocol_name(RTPROT_STATIC), "static");
    EXPECT_EQ(route_protocol_name(RTPROT_DHCP), "dhcp");
    EXPECT_EQ(route_protocol_name(RTPROT_RA), "ra");
    EXPECT_EQ(route_protocol_name(250), "250");
}

TEST(RtnlNames, Scopes) {
    EXPECT_EQ(scope_name(RT_SCOPE_UNIVERSE), "global");
    EXPECT_EQ(scope_name(RT_SCOPE_LINK), "link");
    EXPECT_EQ(scope_name(RT_SCOPE_HOST), "host");
    EXPECT_EQ(scope_name(RT_SCOPE_SITE), "site");
    EXPECT_EQ(scope_name(RT_SCOPE_NOWHERE), "nowhere");
    EXPECT_EQ(scope_name(7), "7");
}

TEST(RtnlNames, Tables) {
    EXPECT_EQ(route_table_name(RT_TABLE_MAIN), "main");
    EXPECT_EQ(route_table_name(RT_TABLE_LOCAL), "local");
    EXPECT_EQ(route_table_name(RT_TABLE_DEFAULT), "default");
    EXPECT_EQ(route_table_name(1000), "1000");
    EXPECT_EQ(route_table_name(0), "0");
}

TEST(RtnlNames, Families) {
    EXPECT_EQ(family_name(AF_INET), "inet");
    EXPECT_EQ(family_name(AF_INET6), "inet6");
    EXPECT_EQ(family_name(AF_PACKET), std::to_string(AF_PACKET));
}

TEST(FormatIp, Ipv4) {
    const std::array<uint8_t, 4> bytes = {192, 0, 2, 255};
    EXPECT_EQ(format_ip(AF_INET, bytes), "192.0.2.255");
    const std::array<uint8_t, 4> zero = {0, 0, 0, 0};
    EXPECT_EQ(format_ip(AF_INET, zero), "0.0.0.0");
}

TEST(FormatIp, Ipv6Compressed) {
    std::array<uint8_t, 16> bytes{};
    bytes[0] = 0x20;
    bytes[1] = 0x01;
    bytes[2] = 0x0d;
    bytes[3] = 0xb8;
    bytes[15] = 0x01;
    EXPECT_EQ(format_ip(AF_INET6, bytes), "2001:db8::1");
    std::array<uint8_t, 16> mapped{};
    mapped[10] = 0xff;
    mapped[11] = 0xff;
    mapped[12] = 10;
    mapped[15] = 7;
    EXPECT_EQ(format_ip(AF_INET6, mapped), "::ffff:10.0.0.7");
    EXPECT_EQ(format_ip(AF_INET6, std::array<uint8_t, 16>{}), "::");
}

TEST(FormatIp, WrongLengthOrFamilyIsEmpty) {
    const std::array<uint8_t, 16> sixteen{};
    const std::array<uint8_t, 4> four{};
    const std::array<uint8_t, 5> five{};
    EXPECT_EQ(format_ip(AF_INET, sixteen), "");
    EXPECT_EQ(format_ip(AF_INET6, four), "");
    EXPECT_EQ(format_ip(AF_INET, five), "");
    EXPECT_EQ(format_ip(AF_INET, {}), "");
    EXPECT_EQ(format_ip(AF_PACKET, four), "");
    EXPECT_EQ(format_ip(0, sixteen), "");
}

TEST(FormatMac, AnyLength) {
    const std::array<uint8_t, 6> ethernet = {0x00, 0x1b, 0x21, 0xAB, 0xcd, 0xef};
    EXPECT_EQ(format_mac(ethernet), "00:1b:21:ab:cd:ef");
    const std::array<uint8_t, 1> one = {0x0a};
    EXPECT_EQ(format_mac(one), "0a");
    EXPECT_EQ(format_mac({}), "");
    std::array<uint8_t, 20> infiniband{};
    infiniband[19] = 0xff;
    const std::string text = format_mac(infiniband);
    EXPECT_EQ(text.size(), 20u * 3 - 1);
    EXPECT_EQ(text.substr(text.size() - 5), "00:ff");
}

}  // namespace
}  // namespace netlens::iface
