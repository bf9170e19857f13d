// Whole buffers of rtnetlink messages: mixed dumps, truncation and hostile lengths that
// must stop the walk, and replies recorded from a real kernel (the fuzzer's seeds).
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
    const auto path = std::filesystem::path(NETLENS_SOURCE_DIR) / "fuzz/corpus/rtnl_decode" / name;
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
