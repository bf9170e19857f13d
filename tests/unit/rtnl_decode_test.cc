// Decoding rtnetlink messages built by hand with libmnl, the way the kernel lays them
// out: whole messages, then the damaged ones a replay file or a fuzzer can hand us
// (short fixed headers, short attributes, truncated buffers).
#include "iface/rtnl_decode.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "rtnl_test_support.h"

namespace netlens::iface {
namespace {

using namespace test_support;  // NOLINT: test shorthands

// ---------------------------------------------------------------- links

TEST(DecodeLink, EveryField) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 7, "veth0", IFF_UP | IFF_BROADCAST | IFF_LOWER_UP);
    mnl_attr_put_u8(header, IFLA_OPERSTATE, IF_OPER_UP);
    mnl_attr_put_u8(header, IFLA_CARRIER, 1);
    mnl_attr_put_u32(header, IFLA_MTU, 9000);
    mnl_attr_put_u32(header, IFLA_MASTER, 3);
    mnl_attr_put_u32(header, IFLA_LINK, 8);
    put_bytes(header, IFLA_ADDRESS, kMac);
    mnl_attr_put_strz(header, IFLA_QDISC, "noqueue");
    rtnl_link_stats64 stats{};
    stats.rx_packets = 10;
    stats.tx_bytes = 1234567890123ULL;
    stats.rx_dropped = 4;
    stats.rx_nohandler = 99;
    mnl_attr_put(header, IFLA_STATS64, sizeof(stats), &stats);
    nlattr* link_info = mnl_attr_nest_start(header, IFLA_LINKINFO);
    mnl_attr_put_strz(header, IFLA_INFO_KIND, "veth");
    mnl_attr_nest_end(header, link_info);

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->ifindex, 7);
    EXPECT_EQ(link->name, "veth0");
    EXPECT_EQ(link->flags, static_cast<uint32_t>(IFF_UP | IFF_BROADCAST | IFF_LOWER_UP));
    EXPECT_EQ(link->operstate, IF_OPER_UP);
    ASSERT_TRUE(link->carrier.has_value());
    EXPECT_TRUE(*link->carrier);
    EXPECT_EQ(link->mtu, 9000u);
    EXPECT_EQ(link->master_ifindex, 3);
    EXPECT_EQ(link->link_ifindex, 8);
    EXPECT_EQ(link->mac, "02:00:5e:10:ab:ff");
    EXPECT_EQ(link->qdisc, "noqueue");
    EXPECT_EQ(link->kind, "veth");
    ASSERT_TRUE(link->stats.has_value());
    EXPECT_EQ(link->stats->rx_packets, 10u);
    EXPECT_EQ(link->stats->tx_bytes, 1234567890123ULL);
    EXPECT_EQ(link->stats->rx_dropped, 4u);
    EXPECT_EQ(link->stats->rx_nohandler, 99u);
    EXPECT_EQ(link->stats->tx_errors, 0u);
}

TEST(DecodeLink, MissingAttributesLeaveDefaults) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWLINK);
    messages.extra<ifinfomsg>(header)->ifi_index = 2;

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->ifindex, 2);
    EXPECT_EQ(link->name, "");
    EXPECT_EQ(link->kind, "");
    EXPECT_EQ(link->mac, "");
    EXPECT_EQ(link->mtu, 0u);
    EXPECT_EQ(link->operstate, 0);
    EXPECT_FALSE(link->carrier.has_value());
    EXPECT_FALSE(link->stats.has_value());
}

TEST(DecodeLink, CarrierDownIsKnownFalse) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 4, "eth1", IFF_UP);
    mnl_attr_put_u8(header, IFLA_CARRIER, 0);
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    ASSERT_TRUE(link->carrier.has_value());
    EXPECT_FALSE(*link->carrier);
}

TEST(DecodeLink, TooShortScalarAttributesAreAbsent) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 5, "eth0", IFF_UP);
    mnl_attr_put_u16(header, IFLA_MTU, 1500);        // 2 bytes where 4 are due
    mnl_attr_put(header, IFLA_CARRIER, 0, nullptr);  // 0 bytes where 1 is due
    mnl_attr_put_u16(header, IFLA_MASTER, 9);
    mnl_attr_put_strz(header, IFLA_QDISC, "fq_codel");  // after the bad ones: still read

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->mtu, 0u);
    EXPECT_FALSE(link->carrier.has_value());
    EXPECT_EQ(link->master_ifindex, 0);
    EXPECT_EQ(link->name, "eth0");
    EXPECT_EQ(link->qdisc, "fq_codel");
}

TEST(DecodeLink, ShortStats64IsZeroFilled) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 1, "lo", IFF_UP | IFF_LOOPBACK);
    // An older kernel's struct: only the first three counters.
    const std::array<uint64_t, 3> counters = {11, 22, 33};  // rx_packets, tx_packets, rx_bytes
    mnl_attr_put(header, IFLA_STATS64, sizeof(counters), counters.data());

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    ASSERT_TRUE(link->stats.has_value());
    EXPECT_EQ(link->stats->rx_packets, 11u);
    EXPECT_EQ(link->stats->tx_packets, 22u);
    EXPECT_EQ(link->stats->rx_bytes, 33u);
    EXPECT_EQ(link->stats->tx_bytes, 0u);
    EXPECT_EQ(link->stats->rx_errors, 0u);
    EXPECT_EQ(link->stats->rx_nohandler, 0u);
}

TEST(DecodeLink, LongerStats64KeepsKnownFields) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 1, "lo", IFF_UP | IFF_LOOPBACK);
    // A newer kernel may append counters; the known prefix must still be read.
    std::vector<uint64_t> counters(sizeof(rtnl_link_stats64) / 8 + 4, 7);
    counters[0] = 100;
    mnl_attr_put(header, IFLA_STATS64, counters.size() * 8, counters.data());

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    ASSERT_TRUE(link->stats.has_value());
    EXPECT_EQ(link->stats->rx_packets, 100u);
    EXPECT_EQ(link->stats->rx_nohandler, 7u);
}

TEST(DecodeLink, EmptyStats64IsAllZero) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 1, "lo", IFF_UP);
    mnl_attr_put(header, IFLA_STATS64, 0, nullptr);
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    ASSERT_TRUE(link->stats.has_value());
    EXPECT_EQ(link->stats->rx_packets, 0u);
}

TEST(DecodeLink, NameWithoutTerminatorOrWithEmbeddedNul) {
    Messages messages;
    nlmsghdr* first = messages.add(RTM_NEWLINK);
    messages.extra<ifinfomsg>(first)->ifi_index = 1;
    mnl_attr_put(first, IFLA_IFNAME, 4, "eth9");  // no NUL
    nlmsghdr* second = messages.add(RTM_NEWLINK);
    messages.extra<ifinfomsg>(second)->ifi_index = 2;
    mnl_attr_put(second, IFLA_IFNAME, 7, "ab\0cdef");

    const auto one = decode_link(first);
    const auto two = decode_link(second);
    ASSERT_TRUE(one && two);
    EXPECT_EQ(one->name, "eth9");
    EXPECT_EQ(two->name, "ab");
}

TEST(DecodeLink, LinkInfoWithoutKind) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 3, "br0", IFF_UP);
    nlattr* link_info = mnl_attr_nest_start(header, IFLA_LINKINFO);
    mnl_attr_put_u32(header, IFLA_INFO_DATA, 1);
    mnl_attr_nest_end(header, link_info);
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->kind, "");
    EXPECT_EQ(link->name, "br0");
}

TEST(DecodeLink, AttributeLongerThanMessageEndsTheWalk) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 6, "dummy0", IFF_UP);
    mnl_attr_put_u32(header, IFLA_MTU, 1400);
    // A bogus attribute whose length runs far past the message, then one that is
    // therefore unreachable.
    nlattr* bogus = mnl_attr_nest_start(header, IFLA_QDISC);
    mnl_attr_put_u32(header, IFLA_MASTER, 1);
    mnl_attr_nest_end(header, bogus);
    bogus->nla_len = 400;

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->name, "dummy0");
    EXPECT_EQ(link->mtu, 1400u);
    EXPECT_EQ(link->qdisc, "");
    EXPECT_EQ(link->master_ifindex, 0);
}

TEST(DecodeLink, AttributeTypesBeyondTheIndexAreIgnored) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 6, "x", IFF_UP);
    mnl_attr_put_u32(header, 1000, 5);
    mnl_attr_put_u32(header, 0x3fff, 5);
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->name, "x");
}

TEST(DecodeLink, ShorterThanFixedHeaderIsNullopt) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWLINK);
    header->nlmsg_len = MNL_NLMSG_HDRLEN + sizeof(ifinfomsg) - 4;
    EXPECT_FALSE(decode_link(header).has_value());
    header->nlmsg_len = MNL_NLMSG_HDRLEN;
    EXPECT_FALSE(decode_link(header).has_value());
}

// ---------------------------------------------------------------- addresses

TEST(DecodeAddress, Ipv4LocalEqualsAddress) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 2, AF_INET, 24);
    put_bytes(header, IFA_ADDRESS, ipv4("192.0.2.10"));
    put_bytes(header, IFA_LOCAL, ipv4("192.0.2.10"));
    put_bytes(header, IFA_BROADCAST, ipv4("192.0.2.255"));
    mnl_attr_put_strz(header, IFA_LABEL, "eth0:1");
    mnl_attr_put_u32(header, IFA_FLAGS, IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE);

    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->ifindex, 2);
    EXPECT_EQ(address->family, AF_INET);
    EXPECT_EQ(address->local, "192.0.2.10");
    EXPECT_EQ(address->peer, "");
    EXPECT_EQ(address->broadcast, "192.0.2.255");
    EXPECT_EQ(address->prefix_length, 24);
    EXPECT_EQ(address->scope, RT_SCOPE_UNIVERSE);
    EXPECT_EQ(address->label, "eth0:1");
    EXPECT_EQ(address->flags, static_cast<uint32_t>(IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE));
}

TEST(DecodeAddress, PointToPointPeer) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 9, AF_INET, 32);
    put_bytes(header, IFA_LOCAL, ipv4("10.0.0.1"));
    put_bytes(header, IFA_ADDRESS, ipv4("10.0.0.2"));
    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->local, "10.0.0.1");
    EXPECT_EQ(address->peer, "10.0.0.2");
}

TEST(DecodeAddress, Ipv6HasOnlyAddress) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 3, AF_INET6, 64);
    put_bytes(header, IFA_ADDRESS, ipv6("2001:db8::1"));
    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->family, AF_INET6);
    EXPECT_EQ(address->local, "2001:db8::1");
    EXPECT_EQ(address->peer, "");
    EXPECT_EQ(address->prefix_length, 64);
}

TEST(DecodeAddress, LocalOnly) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 3, AF_INET, 8);
    put_bytes(header, IFA_LOCAL, ipv4("127.0.0.1"));
    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->local, "127.0.0.1");
    EXPECT_EQ(address->peer, "");
}

TEST(DecodeAddress, MalformedLocalFallsBackToAddress) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 3, AF_INET, 24);
    const std::array<uint8_t, 3> short_local = {10, 0, 0};
    put_bytes(header, IFA_LOCAL, short_local);
    put_bytes(header, IFA_ADDRESS, ipv4("10.0.0.5"));
    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->local, "10.0.0.5");
    EXPECT_EQ(address->peer, "");
}

TEST(DecodeAddress, FlagsFromHeaderWithoutOrWithShortIfaFlags) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 3, AF_INET6, 64);
    auto* info = static_cast<ifaddrmsg*>(mnl_nlmsg_get_payload(header));
    info->ifa_flags = IFA_F_TENTATIVE;
    put_bytes(header, IFA_ADDRESS, ipv6("fe80::1"));
    auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->flags, static_cast<uint32_t>(IFA_F_TENTATIVE));

    mnl_attr_put_u16(header, IFA_FLAGS, 0x1234);  // too short for the u32 it should be
    address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->flags, static_cast<uint32_t>(IFA_F_TENTATIVE));
}

TEST(DecodeAddress, WithoutUsableAddressIsNullopt) {
    Messages messages;
    nlmsghdr* none = put_address(messages, 3, AF_INET, 24);
    mnl_attr_put_strz(none, IFA_LABEL, "eth0");
    EXPECT_FALSE(decode_address(none).has_value());

    // 16 bytes under AF_INET: the family decides the length, so this is unusable.
    nlmsghdr* wrong_family = put_address(messages, 3, AF_INET, 24);
    put_bytes(wrong_family, IFA_ADDRESS, ipv6("2001:db8::1"));
    EXPECT_FALSE(decode_address(wrong_family).has_value());

    nlmsghdr* unknown_family = put_address(messages, 3, AF_PACKET, 0);
    put_bytes(unknown_family, IFA_ADDRESS, ipv4("10.0.0.1"));
    EXPECT_FALSE(decode_address(unknown_family).has_value());
}

TEST(DecodeAddress, ShorterThanFixedHeaderIsNullopt) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWADDR);
    header->nlmsg_len = MNL_NLMSG_HDRLEN + sizeof(ifaddrmsg) - 1;
    EXPECT_FALSE(decode_address(header).has_value());
}

// ---------------------------------------------------------------- neighbours

TEST(DecodeNeighbour, Ipv4WithLladdr) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWNEIGH);
    auto* info = messages.extra<ndmsg>(header);
    info->ndm_family = AF_INET;
    info->ndm_ifindex = 4;
    info->ndm_state = NUD_REACHABLE;
    info->ndm_flags = NTF_ROUTER;
    put_bytes(header, NDA_DST, ipv4("192.0.2.1"));
    put_bytes(header, NDA_LLADDR, kMac);

    const auto neighbour = decode_neighbour(header);
    ASSERT_TRUE(neighbour.has_value());
    EXPECT_EQ(neighbour->ifindex, 4);
    EXPECT_EQ(neighbour->family, AF_INET);
    EXPECT_EQ(neighbour->destination, "192.0.2.1");
    EXPECT_EQ(neighbour->lladdr, "02:00:5e:10:ab:ff");
    EXPECT_EQ(neighbour->state, NUD_REACHABLE);
    EXPECT_EQ(neighbour->flags, NTF_ROUTER);
}

TEST(DecodeNeighbour, FailedIpv6WithoutLladdr) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWNEIGH);
    auto* info = messages.extra<ndmsg>(header);
    info->ndm_family = AF_INET6;
    info->ndm_ifindex = 5;
    info->ndm_state = NUD_FAILED;
    put_bytes(header, NDA_DST, ipv6("fe80::99"));
    const auto neighbour = decode_neighbour(header);
    ASSERT_TRUE(neighbour.has_value());
    EXPECT_EQ(neighbour->destination, "fe80::99");
    EXPECT_EQ(neighbour->lladdr, "");
    EXPECT_EQ(neighbour->state, NUD_FAILED);
}

TEST(DecodeNeighbour, WithoutDestinationIsNullopt) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWNEIGH);
    messages.extra<ndmsg>(header)->ndm_family = AF_INET;
    put_bytes(header, NDA_LLADDR, kMac);
    EXPECT_FALSE(decode_neighbour(header).has_value());
}

TEST(DecodeNeighbour, ShorterThanFixedHeaderIsNullopt) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWNEIGH);
    header->nlmsg_len = MNL_NLMSG_HDRLEN + 4;
    EXPECT_FALSE(decode_neighbour(header).has_value());
}

// ---------------------------------------------------------------- routes

TEST(DecodeRoute, Ipv4DefaultViaGateway) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWROUTE);
    auto* info = messages.extra<rtmsg>(header);
    info->rtm_family = AF_INET;
    info->rtm_table = RT_TABLE_MAIN;
    info->rtm_protocol = RTPROT_DHCP;
    info->rtm_scope = RT_SCOPE_UNIVERSE;
    info->rtm_type = RTN_UNICAST;
    mnl_attr_put_u32(header, RTA_TABLE, RT_TABLE_MAIN);
    put_bytes(header, RTA_GATEWAY, ipv4("192.0.2.1"));
    put_bytes(header, RTA_PREFSRC, ipv4("192.0.2.10"));
    mnl_attr_put_u32(header, RTA_OIF, 2);
    mnl_attr_put_u32(header, RTA_PRIORITY, 100);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    EXPECT_EQ(route->family, AF_INET);
    EXPECT_EQ(route->destination, "");
    EXPECT_EQ(route->destination_length, 0);
    EXPECT_EQ(route->gateway, "192.0.2.1");
    EXPECT_EQ(route->preferred_source, "192.0.2.10");
    EXPECT_EQ(route->oif, 2);
    EXPECT_EQ(route->iif, 0);
    EXPECT_EQ(route->table, static_cast<uint32_t>(RT_TABLE_MAIN));
    EXPECT_EQ(route->protocol, RTPROT_DHCP);
    EXPECT_EQ(route->type, RTN_UNICAST);
    ASSERT_TRUE(route->metric.has_value());
    EXPECT_EQ(*route->metric, 100u);
}

TEST(DecodeRoute, TableAttributeOverridesHeaderByte) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWROUTE);
    auto* info = messages.extra<rtmsg>(header);
    info->rtm_family = AF_INET6;
    info->rtm_table = RT_TABLE_COMPAT;  // what the byte says for tables above 255
    info->rtm_dst_len = 48;
    info->rtm_src_len = 56;
    info->rtm_type = RTN_UNREACHABLE;
    mnl_attr_put_u32(header, RTA_TABLE, 1000);
    put_bytes(header, RTA_DST, ipv6("2001:db8:1::"));
    put_bytes(header, RTA_SRC, ipv6("2001:db8:2::"));
    mnl_attr_put_u32(header, RTA_IIF, 6);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    EXPECT_EQ(route->table, 1000u);
    EXPECT_EQ(route->destination, "2001:db8:1::");
    EXPECT_EQ(route->destination_length, 48);
    EXPECT_EQ(route->source, "2001:db8:2::");
    EXPECT_EQ(route->source_length, 56);
    EXPECT_EQ(route->iif, 6);
    EXPECT_EQ(route->type, RTN_UNREACHABLE);
    EXPECT_FALSE(route->metric.has_value());
}

TEST(DecodeRoute, HeaderTableWithoutAttributeAndShortAttributes) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWROUTE);
    auto* info = messages.extra<rtmsg>(header);
    info->rtm_family = AF_INET;
    info->rtm_table = RT_TABLE_LOCAL;
    info->rtm_dst_len = 32;
    mnl_attr_put_u16(header, RTA_PRIORITY, 5);  // short: no metric
    mnl_attr_put_u16(header, RTA_OIF, 5);       // short: no oif
    const std::array<uint8_t, 2> half_address = {10, 1};
    put_bytes(header, RTA_DST, half_address);

    const auto route = decode_route(header);
    ASSERT_TRUE(route.has_value());
    EXPECT_EQ(route->table, static_cast<uint32_t>(RT_TABLE_LOCAL));
    EXPECT_FALSE(route->metric.has_value());
    EXPECT_EQ(route->oif, 0);
    EXPECT_EQ(route->destination, "");
}

TEST(DecodeRoute, ShorterThanFixedHeaderIsNullopt) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWROUTE);
    header->nlmsg_len = MNL_NLMSG_HDRLEN + sizeof(rtmsg) - 1;
    EXPECT_FALSE(decode_route(header).has_value());
}

}  // namespace
}  // namespace netlens::iface
