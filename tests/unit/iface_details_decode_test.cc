// Decoding what ip -j -d link, ip -j addr and ip -j neigh print beyond the basics:
// address flags (the 32-bit IFA_FLAGS over the 8-bit header byte), lifetimes from
// IFA_CACHEINFO, point-to-point peers; link alias, type, numbers, alternative names;
// neighbour flags. Messages are built by hand as the kernel lays them out.
#include <gtest/gtest.h>
#include <linux/if_arp.h>

#include "iface/rtnl_decode.h"
#include "rtnl_test_support.h"

namespace netlens::iface {
namespace {

using namespace test_support;  // NOLINT: test shorthands

TEST(DecodeAddressDetails, FlagsAttributeWinsOverHeaderByte) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 2, AF_INET6, 64);
    auto* info = static_cast<ifaddrmsg*>(mnl_nlmsg_get_payload(header));
    info->ifa_flags = IFA_F_PERMANENT;  // the 8-bit copy cannot hold IFA_F_NOPREFIXROUTE
    put_bytes(header, IFA_ADDRESS, ipv6("fd00::1"));
    mnl_attr_put_u32(header, IFA_FLAGS, IFA_F_NOPREFIXROUTE | IFA_F_MANAGETEMPADDR | IFA_F_NODAD);

    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->flags, static_cast<uint32_t>(IFA_F_NOPREFIXROUTE | IFA_F_MANAGETEMPADDR | IFA_F_NODAD));
}

TEST(DecodeAddressDetails, CacheinfoGivesLifetimesInSeconds) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 2, AF_INET6, 64);
    put_bytes(header, IFA_ADDRESS, ipv6("fd00::1"));
    ifa_cacheinfo cache{};
    cache.ifa_valid = 98;
    cache.ifa_prefered = 0;
    cache.cstamp = 1234;
    mnl_attr_put(header, IFA_CACHEINFO, sizeof(cache), &cache);

    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->valid_lifetime_s, 98u);
    EXPECT_EQ(address->preferred_lifetime_s, 0u);
}

TEST(DecodeAddressDetails, ForeverIsKeptAsTheKernelsInfinity) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 2, AF_INET, 24);
    put_bytes(header, IFA_LOCAL, ipv4("10.0.0.1"));
    ifa_cacheinfo cache{kInfiniteLifetime, kInfiniteLifetime, 0, 0};
    mnl_attr_put(header, IFA_CACHEINFO, sizeof(cache), &cache);
    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->valid_lifetime_s, kInfiniteLifetime);
    EXPECT_EQ(address->preferred_lifetime_s, kInfiniteLifetime);
}

TEST(DecodeAddressDetails, ShortOrMissingCacheinfoLeavesLifetimesAbsent) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 2, AF_INET, 24);
    put_bytes(header, IFA_LOCAL, ipv4("10.0.0.1"));
    const uint32_t only_preferred = 5;
    mnl_attr_put(header, IFA_CACHEINFO, sizeof(only_preferred), &only_preferred);
    nlmsghdr* without = put_address(messages, 2, AF_INET, 24);
    put_bytes(without, IFA_LOCAL, ipv4("10.0.0.2"));

    for (const nlmsghdr* message : {static_cast<const nlmsghdr*>(header), static_cast<const nlmsghdr*>(without)}) {
        const auto address = decode_address(message);
        ASSERT_TRUE(address.has_value());
        EXPECT_FALSE(address->valid_lifetime_s.has_value());
        EXPECT_FALSE(address->preferred_lifetime_s.has_value());
    }
}

TEST(DecodeAddressDetails, PeerLabelBroadcastAnycastMetric) {
    Messages messages;
    nlmsghdr* header = put_address(messages, 3, AF_INET, 32);
    put_bytes(header, IFA_LOCAL, ipv4("10.0.0.1"));
    put_bytes(header, IFA_ADDRESS, ipv4("10.0.0.2"));
    put_bytes(header, IFA_BROADCAST, ipv4("10.0.0.255"));
    put_bytes(header, IFA_ANYCAST, ipv4("10.0.0.9"));
    mnl_attr_put_strz(header, IFA_LABEL, "v0:ptp");
    mnl_attr_put_u32(header, IFA_RT_PRIORITY, 300);

    const auto address = decode_address(header);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->local, "10.0.0.1");
    EXPECT_EQ(address->peer, "10.0.0.2");
    EXPECT_EQ(address->broadcast, "10.0.0.255");
    EXPECT_EQ(address->anycast, "10.0.0.9");
    EXPECT_EQ(address->label, "v0:ptp");
    EXPECT_EQ(address->metric, 300u);
}

TEST(DecodeLinkDetails, AliasTypeNumbersAndAddresses) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 7, "v0", IFF_UP);
    static_cast<ifinfomsg*>(mnl_nlmsg_get_payload(header))->ifi_type = ARPHRD_ETHER;
    put_bytes(header, IFLA_ADDRESS, kMac);
    put_bytes(header, IFLA_BROADCAST, std::array<uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    put_bytes(header, IFLA_PERM_ADDRESS, std::array<uint8_t, 6>{0x52, 0x54, 0, 0x12, 0x34, 0x56});
    mnl_attr_put_strz(header, IFLA_IFALIAS, "uplink to rack 7");
    mnl_attr_put_u8(header, IFLA_LINKMODE, IF_LINK_MODE_DORMANT);
    mnl_attr_put_u32(header, IFLA_GROUP, 0);
    mnl_attr_put_u32(header, IFLA_TXQLEN, 1000);
    mnl_attr_put_u32(header, IFLA_MIN_MTU, 68);
    mnl_attr_put_u32(header, IFLA_MAX_MTU, 65535);
    mnl_attr_put_u32(header, IFLA_GRO_MAX_SIZE, 65536);
    mnl_attr_put_u32(header, IFLA_LINK_NETNSID, static_cast<uint32_t>(-1));
    mnl_attr_put_u8(header, IFLA_PROTO_DOWN, 0);
    nlattr* names = mnl_attr_nest_start(header, IFLA_PROP_LIST);
    mnl_attr_put_strz(header, IFLA_ALT_IFNAME, "uplink0");
    mnl_attr_put_strz(header, IFLA_ALT_IFNAME, "enp0s3");
    mnl_attr_nest_end(header, names);

    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->type, ARPHRD_ETHER);
    EXPECT_EQ(link->broadcast, "ff:ff:ff:ff:ff:ff");
    EXPECT_EQ(link->permanent_mac, "52:54:00:12:34:56");
    EXPECT_EQ(link->alias, "uplink to rack 7");
    EXPECT_EQ(link->linkmode, IF_LINK_MODE_DORMANT);
    EXPECT_EQ(link->numbers.group, 0u);
    EXPECT_EQ(link->numbers.txqlen, 1000u);
    EXPECT_EQ(link->numbers.min_mtu, 68u);
    EXPECT_EQ(link->numbers.max_mtu, 65535u);
    EXPECT_EQ(link->numbers.gro_max_size, 65536u);
    EXPECT_FALSE(link->numbers.num_tx_queues.has_value());
    EXPECT_EQ(link->link_netnsid, -1);
    EXPECT_EQ(link->proto_down, false);
    EXPECT_EQ(link->altnames, (std::vector<std::string>{"uplink0", "enp0s3"}));
}

TEST(DecodeLinkDetails, PermanentAddressEqualToCurrentIsNotRepeated) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 2, "eth0", IFF_UP);
    put_bytes(header, IFLA_ADDRESS, kMac);
    put_bytes(header, IFLA_PERM_ADDRESS, kMac);
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->permanent_mac, "");
}

TEST(DecodeLinkDetails, CutAlternativeNameListKeepsWholeEntries) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 2, "eth0", IFF_UP);
    nlattr* names = mnl_attr_nest_start(header, IFLA_PROP_LIST);
    mnl_attr_put_strz(header, IFLA_ALT_IFNAME, "first");
    nlattr* second = reinterpret_cast<nlattr*>(mnl_nlmsg_get_payload_tail(header));
    mnl_attr_put_strz(header, IFLA_ALT_IFNAME, "second");
    mnl_attr_nest_end(header, names);
    second->nla_len = 200;  // runs past the nest
    const auto link = decode_link(header);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->altnames, std::vector<std::string>{"first"});
}

TEST(DecodeNeighbourDetails, FlagsExtendedFlagsAndProtocol) {
    Messages messages;
    nlmsghdr* header = messages.add(RTM_NEWNEIGH);
    auto* info = messages.extra<ndmsg>(header);
    info->ndm_family = AF_INET;
    info->ndm_ifindex = 2;
    info->ndm_state = NUD_STALE | NUD_PROBE;
    info->ndm_flags = NTF_ROUTER | NTF_EXT_LEARNED;
    put_bytes(header, NDA_DST, ipv4("10.0.0.7"));
    mnl_attr_put_u32(header, NDA_FLAGS_EXT, NTF_EXT_MANAGED);
    mnl_attr_put_u8(header, NDA_PROTOCOL, RTPROT_STATIC);

    const auto neighbour = decode_neighbour(header);
    ASSERT_TRUE(neighbour.has_value());
    EXPECT_EQ(neighbour->state, NUD_STALE | NUD_PROBE);
    EXPECT_EQ(neighbour->flags, NTF_ROUTER | NTF_EXT_LEARNED);
    EXPECT_EQ(neighbour->extended_flags, static_cast<uint32_t>(NTF_EXT_MANAGED));
    EXPECT_EQ(neighbour->protocol, RTPROT_STATIC);
}

}  // namespace
}  // namespace netlens::iface
