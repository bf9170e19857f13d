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

namespace netlens::iface {
namespace {

// Concatenated netlink messages in a 4-byte aligned buffer, as a dump reply arrives.
class Messages {
public:
    Messages() : words_(kSize / 4, 0) {}
    Messages(const Messages&) = delete;  // headers_ point into words_
    Messages(Messages&&) = default;

    nlmsghdr* add(uint16_t type) {
        auto* header = mnl_nlmsg_put_header(bytes() + used());
        header->nlmsg_type = type;
        header->nlmsg_flags = NLM_F_MULTI;
        headers_.push_back(header);
        return header;
    }
    template <typename T>
    T* extra(nlmsghdr* header) {
        return static_cast<T*>(mnl_nlmsg_put_extra_header(header, sizeof(T)));
    }
    // Offset just past the last message, where the next one goes.
    size_t used() const {
        if (headers_.empty()) return 0;
        const auto* last = reinterpret_cast<const uint8_t*>(headers_.back());
        return static_cast<size_t>(last - bytes()) + MNL_ALIGN(headers_.back()->nlmsg_len);
    }
    nlmsghdr* header(size_t index) { return headers_.at(index); }
    size_t offset_of(size_t index) const {
        return static_cast<size_t>(reinterpret_cast<const uint8_t*>(headers_.at(index)) - bytes());
    }
    std::span<const uint8_t> span() const { return {bytes(), used()}; }
    std::span<const uint8_t> prefix(size_t length) const { return {bytes(), length}; }

private:
    static constexpr size_t kSize = 64 * 1024;
    uint8_t* bytes() { return reinterpret_cast<uint8_t*>(words_.data()); }
    const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(words_.data()); }

    std::vector<uint32_t> words_;
    std::vector<nlmsghdr*> headers_;
};

std::array<uint8_t, 4> ipv4(const char* text) {
    std::array<uint8_t, 4> bytes{};
    EXPECT_EQ(inet_pton(AF_INET, text, bytes.data()), 1) << text;
    return bytes;
}

std::array<uint8_t, 16> ipv6(const char* text) {
    std::array<uint8_t, 16> bytes{};
    EXPECT_EQ(inet_pton(AF_INET6, text, bytes.data()), 1) << text;
    return bytes;
}

template <size_t N>
void put_bytes(nlmsghdr* header, uint16_t type, const std::array<uint8_t, N>& bytes) {
    mnl_attr_put(header, type, N, bytes.data());
}

constexpr std::array<uint8_t, 6> kMac = {0x02, 0x00, 0x5e, 0x10, 0xab, 0xff};

nlmsghdr* put_link(Messages& messages, int ifindex, const char* name, uint32_t flags) {
    nlmsghdr* header = messages.add(RTM_NEWLINK);
    auto* info = messages.extra<ifinfomsg>(header);
    info->ifi_family = AF_UNSPEC;
    info->ifi_index = ifindex;
    info->ifi_flags = flags;
    mnl_attr_put_strz(header, IFLA_IFNAME, name);
    return header;
}

nlmsghdr* put_address(Messages& messages, int ifindex, uint8_t family, uint8_t prefix_length) {
    nlmsghdr* header = messages.add(RTM_NEWADDR);
    auto* info = messages.extra<ifaddrmsg>(header);
    info->ifa_family = family;
    info->ifa_prefixlen = prefix_length;
    info->ifa_scope = RT_SCOPE_UNIVERSE;
    info->ifa_index = static_cast<uint32_t>(ifindex);
    return header;
}

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

// ---------------------------------------------------------------- whole buffers

// One of each kind, then messages decode_messages must pass over.
Messages mixed_dump() {
    Messages messages;
    nlmsghdr* link = put_link(messages, 1, "lo", IFF_UP | IFF_LOOPBACK | IFF_LOWER_UP);
    mnl_attr_put_u32(link, IFLA_MTU, 65536);
    put_link(messages, 2, "eth0", IFF_UP);
    nlmsghdr* address = put_address(messages, 1, AF_INET, 8);
    put_bytes(address, IFA_LOCAL, ipv4("127.0.0.1"));
    nlmsghdr* neighbour = messages.add(RTM_NEWNEIGH);
    messages.extra<ndmsg>(neighbour)->ndm_family = AF_INET;
    put_bytes(neighbour, NDA_DST, ipv4("192.0.2.1"));
    nlmsghdr* route = messages.add(RTM_NEWROUTE);
    messages.extra<rtmsg>(route)->rtm_family = AF_INET;
    mnl_attr_put_u32(route, RTA_OIF, 2);
    nlmsghdr* deleted = messages.add(RTM_DELLINK);  // not a type we collect
    messages.extra<ifinfomsg>(deleted)->ifi_index = 9;
    nlmsghdr* done = messages.add(NLMSG_DONE);
    mnl_attr_put_u32(done, 0, 0);
    return messages;
}

TEST(DecodeMessages, OneOfEachKind) {
    const Messages messages = mixed_dump();
    const auto decoded = decode_messages(messages.span());
    ASSERT_EQ(decoded.links.size(), 2u);
    EXPECT_EQ(decoded.links[0].name, "lo");
    EXPECT_EQ(decoded.links[0].mtu, 65536u);
    EXPECT_EQ(decoded.links[1].name, "eth0");
    ASSERT_EQ(decoded.addresses.size(), 1u);
    EXPECT_EQ(decoded.addresses[0].local, "127.0.0.1");
    ASSERT_EQ(decoded.neighbours.size(), 1u);
    EXPECT_EQ(decoded.neighbours[0].destination, "192.0.2.1");
    ASSERT_EQ(decoded.routes.size(), 1u);
    EXPECT_EQ(decoded.routes[0].oif, 2);
    EXPECT_EQ(decoded.undecodable, 0u);
    EXPECT_EQ(decoded.bytes_used, messages.span().size());
}

TEST(DecodeMessages, EmptyBuffer) {
    const auto decoded = decode_messages({});
    EXPECT_TRUE(decoded.links.empty());
    EXPECT_EQ(decoded.undecodable, 0u);
    EXPECT_EQ(decoded.bytes_used, 0u);
}

TEST(DecodeMessages, TruncatedMessageStopsTheWalk) {
    const Messages messages = mixed_dump();
    // Cut the buffer inside the address message (the third): the two links before it
    // decode, nothing after it is looked at.
    const size_t cut = messages.offset_of(2) + 20;
    const auto decoded = decode_messages(messages.prefix(cut));
    EXPECT_EQ(decoded.links.size(), 2u);
    EXPECT_TRUE(decoded.addresses.empty());
    EXPECT_TRUE(decoded.neighbours.empty());
    EXPECT_TRUE(decoded.routes.empty());
    EXPECT_EQ(decoded.bytes_used, messages.offset_of(2));
    EXPECT_EQ(decoded.undecodable, 0u);
}

TEST(DecodeMessages, CutInsideTheFirstHeader) {
    const Messages messages = mixed_dump();
    const auto decoded = decode_messages(messages.prefix(10));
    EXPECT_TRUE(decoded.links.empty());
    EXPECT_EQ(decoded.bytes_used, 0u);
}

TEST(DecodeMessages, LengthBelowNetlinkHeaderStopsTheWalk) {
    Messages messages = mixed_dump();
    const size_t total = messages.span().size();
    messages.header(1)->nlmsg_len = 8;  // smaller than nlmsghdr itself: no way to find the next one
    const auto decoded = decode_messages(messages.prefix(total));
    EXPECT_EQ(decoded.links.size(), 1u);
    EXPECT_EQ(decoded.bytes_used, messages.offset_of(1));
}

TEST(DecodeMessages, ShortFixedHeaderIsCountedAndSkipped) {
    Messages messages;
    put_link(messages, 1, "lo", IFF_UP);
    nlmsghdr* short_route = messages.add(RTM_NEWROUTE);
    mnl_attr_put_u32(short_route, 0, 0);  // 8 bytes of payload, rtmsg needs 12
    nlmsghdr* short_link = messages.add(RTM_NEWLINK);
    short_link->nlmsg_len += 4;
    nlmsghdr* address = put_address(messages, 1, AF_INET6, 128);
    put_bytes(address, IFA_ADDRESS, ipv6("::1"));

    const auto decoded = decode_messages(messages.span());
    EXPECT_EQ(decoded.links.size(), 1u);
    EXPECT_EQ(decoded.routes.size(), 0u);
    ASSERT_EQ(decoded.addresses.size(), 1u);
    EXPECT_EQ(decoded.addresses[0].local, "::1");
    EXPECT_EQ(decoded.undecodable, 2u);
    EXPECT_EQ(decoded.bytes_used, messages.span().size());
}

TEST(DecodeMessages, DecodableHeaderWithoutContentIsUndecodable) {
    Messages messages;
    nlmsghdr* neighbour = messages.add(RTM_NEWNEIGH);
    messages.extra<ndmsg>(neighbour)->ndm_family = AF_INET;  // no NDA_DST
    nlmsghdr* address = messages.add(RTM_NEWADDR);
    messages.extra<ifaddrmsg>(address)->ifa_family = AF_INET;  // no IFA_*
    const auto decoded = decode_messages(messages.span());
    EXPECT_TRUE(decoded.neighbours.empty());
    EXPECT_TRUE(decoded.addresses.empty());
    EXPECT_EQ(decoded.undecodable, 2u);
}

// The last message's length is not a multiple of 4 and the buffer ends right there,
// as a fuzzer or a cut recording can produce. Everything read must stay inside the
// buffer (ASan checks this build), and what lies within it still decodes.
TEST(DecodeMessages, UnalignedLengthAtEndOfBuffer) {
    Messages messages;
    nlmsghdr* header = put_link(messages, 3, "eth0", IFF_UP);
    mnl_attr_put_u32(header, IFLA_MTU, 1500);
    header->nlmsg_len -= 3;  // the MTU attribute now ends 3 bytes past the message
    const size_t length = header->nlmsg_len;
    std::vector<uint8_t> exact(messages.span().data(), messages.span().data() + length);

    const auto decoded = decode_messages(exact);
    ASSERT_EQ(decoded.links.size(), 1u);
    EXPECT_EQ(decoded.links[0].name, "eth0");
    EXPECT_EQ(decoded.links[0].mtu, 0u);  // the attribute is not wholly inside the message
    EXPECT_EQ(decoded.bytes_used, length);
}

// nlmsg_len of 2^31 or more. libmnl's mnl_nlmsg_ok compares it as an int, so it passes:
// 0xFFFFFFFF then aligns to 0 and the walk repeats one message forever; 0x80000010 sends
// it 2 GiB past the buffer. Both must simply stop the walk.
TEST(DecodeMessages, LengthOfFourGigabytesStopsTheWalk) {
    Messages messages;
    put_link(messages, 1, "lo", IFF_UP);
    nlmsghdr* huge = put_link(messages, 2, "eth0", IFF_UP);
    const size_t total = messages.span().size();
    huge->nlmsg_len = 0xFFFFFFFF;
    const auto decoded = decode_messages(messages.prefix(total));
    EXPECT_EQ(decoded.links.size(), 1u);
    EXPECT_EQ(decoded.bytes_used, messages.offset_of(1));
}

TEST(DecodeMessages, LengthOfTwoGigabytesStopsTheWalk) {
    Messages messages;
    put_link(messages, 1, "lo", IFF_UP);
    nlmsghdr* huge = put_link(messages, 2, "eth0", IFF_UP);
    put_link(messages, 3, "eth1", IFF_UP);
    const size_t total = messages.span().size();
    huge->nlmsg_len = 0x80000010;
    std::vector<uint8_t> exact(messages.span().data(), messages.span().data() + total);
    const auto decoded = decode_messages(exact);
    EXPECT_EQ(decoded.links.size(), 1u);
    EXPECT_EQ(decoded.bytes_used, messages.offset_of(1));
}

// ---------------------------------------------------------------- recorded dumps

// Replies recorded from a real kernel by fuzz/record_rtnl.cc (the fuzzer's seeds), in a
// namespace set up as fuzz/README.md describes. Read into 4-byte aligned memory, as a
// recv() buffer is.
std::vector<uint32_t> recorded(const std::string& name, size_t& size) {
    const auto path = std::filesystem::path(__FILE__).parent_path() / "../../fuzz/corpus/rtnl_decode" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << path;
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size = bytes.size();
    std::vector<uint32_t> words((bytes.size() + 3) / 4);
    if (!bytes.empty()) std::memcpy(words.data(), bytes.data(), bytes.size());
    return words;
}

DecodedMessages decode_recording(const std::string& name) {
    size_t size = 0;
    const auto words = recorded(name, size);
    auto decoded = decode_messages({reinterpret_cast<const uint8_t*>(words.data()), size});
    EXPECT_EQ(decoded.bytes_used, size) << name;
    EXPECT_EQ(decoded.undecodable, 0u) << name;
    return decoded;
}

template <typename T, typename Pred>
const T* find(const std::vector<T>& list, Pred pred) {
    const auto it = std::find_if(list.begin(), list.end(), pred);
    return it == list.end() ? nullptr : &*it;
}

const Link* link_named(const DecodedMessages& decoded, const std::string& name) {
    return find(decoded.links, [&](const Link& l) { return l.name == name; });
}

TEST(RecordedDump, Links) {
    const auto decoded = decode_recording("links");
    ASSERT_EQ(decoded.links.size(), 8u);
    const Link* lo = link_named(decoded, "lo");
    const Link* veth1 = link_named(decoded, "veth1");
    const Link* veth2 = link_named(decoded, "veth2");
    const Link* veth5 = link_named(decoded, "veth5");
    const Link* port6 = link_named(decoded, "port6");
    const Link* br0 = link_named(decoded, "br0");
    ASSERT_TRUE(lo && veth1 && veth2 && veth5 && port6 && br0);
    EXPECT_EQ(lo->ifindex, 1);
    EXPECT_NE(lo->flags & IFF_LOOPBACK, 0u);
    EXPECT_EQ(lo->mtu, 65536u);
    EXPECT_EQ(veth1->kind, "veth");
    EXPECT_EQ(br0->kind, "bridge");
    EXPECT_EQ(veth1->link_ifindex, veth2->ifindex);
    EXPECT_EQ(veth2->link_ifindex, veth1->ifindex);
    EXPECT_EQ(port6->master_ifindex, br0->ifindex);
    EXPECT_EQ(veth5->mtu, 9000u);
    EXPECT_EQ(veth1->mtu, 1500u);
    EXPECT_EQ(veth1->mac.size(), 17u);
    EXPECT_EQ(veth1->operstate, IF_OPER_UP);
    ASSERT_TRUE(veth1->carrier.has_value());
    EXPECT_TRUE(*veth1->carrier);
    // veth4 was never brought up, so its peer veth3 is up without carrier.
    const Link* veth3 = link_named(decoded, "veth3");
    ASSERT_NE(veth3, nullptr);
    EXPECT_NE(veth3->flags & IFF_UP, 0u);
    EXPECT_EQ(veth3->flags & IFF_LOWER_UP, 0u);
    EXPECT_EQ(veth3->operstate, IF_OPER_LOWERLAYERDOWN);
    for (const auto& link : decoded.links) {
        EXPECT_TRUE(link.stats.has_value()) << link.name;
        EXPECT_FALSE(link.qdisc.empty()) << link.name;
    }
}

TEST(RecordedDump, Addresses) {
    const auto decoded = decode_recording("addresses");
    const auto* ptp = find(decoded.addresses, [](const Address& a) { return a.local == "10.30.0.1"; });
    ASSERT_NE(ptp, nullptr);
    EXPECT_EQ(ptp->peer, "10.30.0.2");
    EXPECT_EQ(ptp->prefix_length, 32);
    const auto* labelled = find(decoded.addresses, [](const Address& a) { return a.local == "198.51.100.7"; });
    ASSERT_NE(labelled, nullptr);
    EXPECT_EQ(labelled->label, "br0:web");
    EXPECT_EQ(labelled->broadcast, "198.51.100.255");
    EXPECT_EQ(labelled->peer, "");
    const auto* v6 = find(decoded.addresses, [](const Address& a) { return a.local == "2001:db8:20::1"; });
    ASSERT_NE(v6, nullptr);
    EXPECT_EQ(v6->family, AF_INET6);
    EXPECT_EQ(v6->prefix_length, 64);
    EXPECT_EQ(v6->scope, RT_SCOPE_UNIVERSE);
    EXPECT_NE(find(decoded.addresses, [](const Address& a) { return a.local == "::1"; }), nullptr);
    EXPECT_NE(find(decoded.addresses, [](const Address& a) { return a.local == "127.0.0.1"; }), nullptr);
}

TEST(RecordedDump, Neighbours) {
    const auto decoded = decode_recording("neighbours");
    const auto* gateway = find(decoded.neighbours, [](const Neighbour& n) { return n.destination == "10.20.0.254"; });
    ASSERT_NE(gateway, nullptr);
    EXPECT_EQ(gateway->state, NUD_PERMANENT);
    EXPECT_EQ(gateway->lladdr, "02:00:00:00:00:fe");
    const auto* v6 = find(decoded.neighbours, [](const Neighbour& n) { return n.destination == "2001:db8:20::fe"; });
    ASSERT_NE(v6, nullptr);
    EXPECT_EQ(v6->family, AF_INET6);
    EXPECT_EQ(v6->lladdr, "02:00:00:00:01:fe");
}

TEST(RecordedDump, Routes) {
    const auto v4 = decode_recording("routes_inet");
    const auto* by_default =
        find(v4.routes, [](const Route& r) { return r.destination.empty() && r.table == RT_TABLE_MAIN; });
    ASSERT_NE(by_default, nullptr);
    EXPECT_EQ(by_default->gateway, "10.20.0.254");
    ASSERT_TRUE(by_default->metric.has_value());
    EXPECT_EQ(*by_default->metric, 100u);
    EXPECT_EQ(by_default->type, RTN_UNICAST);
    const auto* table_1000 = find(v4.routes, [](const Route& r) { return r.table == 1000; });
    ASSERT_NE(table_1000, nullptr);
    EXPECT_EQ(table_1000->destination, "203.0.113.0");
    EXPECT_EQ(table_1000->destination_length, 24);
    const auto* blackhole = find(v4.routes, [](const Route& r) { return r.destination == "192.0.2.0"; });
    ASSERT_NE(blackhole, nullptr);
    EXPECT_EQ(blackhole->type, RTN_BLACKHOLE);

    const auto v6 = decode_recording("routes_inet6");
    const auto* unreachable = find(v6.routes, [](const Route& r) { return r.destination == "2001:db8:dead::"; });
    ASSERT_NE(unreachable, nullptr);
    EXPECT_EQ(unreachable->type, RTN_UNREACHABLE);
    EXPECT_EQ(unreachable->destination_length, 48);
    const auto* v6_default = find(v6.routes, [](const Route& r) {
        return r.destination.empty() && r.table == RT_TABLE_MAIN && r.type == RTN_UNICAST;
    });
    ASSERT_NE(v6_default, nullptr);
    EXPECT_EQ(v6_default->gateway, "2001:db8:20::fe");
}

}  // namespace
}  // namespace netlens::iface
