// Packet, netlink and MPTCP sock_diag replies recorded from a real kernel
// (fuzz/corpus/sock_diag/{packet,netlink,mptcp4}, made by fuzz/record_kind_seeds.py in a
// namespace holding tests/e2e/lib/kinds_fixture.py's sockets, with the filter then
// accepting packets) decode into what ss shows, and are written as ss writes them.
#include <gtest/gtest.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "sock_diag_recording.h"
#include "sockets/present/kind_text.h"
#include "sockets/present/mptcp_info_text.h"

namespace netlens::sockets {
namespace {

using test_support::decode_recording;

const Socket* packet_socket(const DecodedSockets& decoded, uint16_t protocol) {
    for (const auto& s : decoded.sockets) {
        if (s.packet && s.packet->ethernet_protocol == protocol) return &s;
    }
    return nullptr;
}

TEST(KindsDecode, PacketSockets) {
    const auto decoded = decode_recording("packet", Protocol::tcp);
    ASSERT_EQ(decoded.sockets.size(), 4u);
    const Socket* every = packet_socket(decoded, ETH_P_ALL);
    ASSERT_NE(every, nullptr);
    EXPECT_EQ(every->protocol, Protocol::packet_raw);
    EXPECT_EQ(every->local.scope_ifindex, 0u);
    ASSERT_TRUE(every->packet->filter.has_value());
    ASSERT_EQ(every->packet->filter->size(), 2u);
    EXPECT_EQ((*every->packet->filter)[0].code, 0x28);
    EXPECT_EQ((*every->packet->filter)[0].k, 12u);
    EXPECT_EQ((*every->packet->filter)[1].k, 0xFFFFu);
    ASSERT_NE(every->memory, nullptr);
    EXPECT_EQ(every->recv_q, every->memory->rmem_alloc);

    const Socket* ipv4 = packet_socket(decoded, ETH_P_IP);
    ASSERT_NE(ipv4, nullptr);
    EXPECT_EQ(ipv4->protocol, Protocol::packet_dgram);
    EXPECT_NE(ipv4->local.scope_ifindex, 0u);  // bound to k0

    const Socket* arp = packet_socket(decoded, ETH_P_ARP);
    ASSERT_NE(arp, nullptr);
    EXPECT_EQ(arp->local.scope_ifindex, 1u);  // lo
    ASSERT_TRUE(arp->packet->rx_ring.has_value());
    EXPECT_EQ(arp->packet->rx_ring->block_size, 4096u);
    EXPECT_EQ(arp->packet->rx_ring->frame_count, 4u);
    EXPECT_FALSE(arp->packet->tx_ring.has_value());
    EXPECT_EQ(arp->packet->fanout, 42u | (1u << 16));
    EXPECT_FALSE(arp->packet->filter.has_value());

    ASSERT_NE(packet_socket(decoded, 0), nullptr);
}

TEST(KindsDecode, PacketTextIsSs) {
    const auto decoded = decode_recording("packet", Protocol::tcp);
    const InterfaceNamer namer = [](uint32_t index) {
        return index == 1 ? std::string("lo") : "if" + std::to_string(index);
    };
    const Socket& arp = *packet_socket(decoded, ETH_P_ARP);
    const auto local = kind_local_cells(arp, namer, false);
    EXPECT_EQ(local.address + local.port, "arp:lo");
    EXPECT_EQ(kind_local_cells(arp, namer, true).address, "[2054]:");
    EXPECT_EQ(kind_local_cells(*packet_socket(decoded, ETH_P_ALL), namer, true).address, "*:");
    EXPECT_EQ(kind_local_cells(*packet_socket(decoded, 0), namer, false).address + "*", "[0]:*");
    ExtrasOptions options;
    options.extended = true;
    const std::string text = kind_extras_text(arp, options);
    EXPECT_NE(text.find("\n\tver:0 cpy_thresh:0 flags( running )"), std::string::npos) << text;
    EXPECT_NE(text.find("\n\tring_rx(blk_size:4096,blk_nr:2,frm_size:2048,frm_nr:4,tmo:0,features:0x0)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\n\tfanout(id:42,type:lb)"), std::string::npos) << text;
    options = {};
    options.bpf = true;
    options.oneline = true;
    EXPECT_EQ(kind_extras_text(*packet_socket(decoded, ETH_P_ALL), options),
              " bpf filter (2):  0x28 0 0 12, 0x06 0 0 65535,");
}

TEST(KindsDecode, NetlinkSockets) {
    const auto decoded = decode_recording("netlink", Protocol::tcp);
    ASSERT_GT(decoded.sockets.size(), 6u);
    bool kernel_route = false, connected_uevent = false, autobound = false, route_group = false;
    for (const auto& s : decoded.sockets) {
        ASSERT_NE(s.netlink, nullptr);
        EXPECT_EQ(s.protocol, Protocol::netlink);
        const auto& nl = *s.netlink;
        if (nl.netlink_protocol == NETLINK_ROUTE && nl.port_id == 0) {
            kernel_route = true;
            EXPECT_EQ(kind_local_cells(s, nullptr, false).port, "kernel");
            EXPECT_EQ(kind_local_cells(s, nullptr, false).address, "rtnl:");
            EXPECT_EQ(kind_local_cells(s, nullptr, true).address + kind_local_cells(s, nullptr, true).port, "0:0");
        }
        if (nl.netlink_protocol == NETLINK_KOBJECT_UEVENT && nl.connected) {
            connected_uevent = true;
            const auto peer = kind_peer_cells(s);
            EXPECT_EQ(peer.address + peer.port, "0:0");
        }
        if (nl.port_id < 0) autobound = true;
        if (nl.netlink_protocol == NETLINK_ROUTE && nl.port_id > 0 && nl.groups == 1) route_group = true;
        ASSERT_NE(s.memory, nullptr);
        EXPECT_EQ(s.recv_q, s.memory->rmem_alloc);
    }
    EXPECT_TRUE(kernel_route);
    EXPECT_TRUE(connected_uevent);
    EXPECT_TRUE(autobound);
    EXPECT_TRUE(route_group);
}

TEST(KindsDecode, MptcpSockets) {
    const auto decoded = decode_recording("mptcp4", Protocol::mptcp);
    ASSERT_EQ(decoded.sockets.size(), 3u);
    size_t with_info = 0;
    for (const auto& s : decoded.sockets) {
        EXPECT_EQ(s.protocol, Protocol::mptcp);
        EXPECT_EQ(s.tcp_info, nullptr);  // INET_DIAG_INFO is mptcp_info here
        if (s.state == TcpState::listen) {
            EXPECT_EQ(s.local.port, 7300);
            continue;  // a listener's MPTCP_INFO is all zeros: ss prints nothing for it
        }
        if (!s.mptcp_info) continue;
        ++with_info;
        EXPECT_NE(s.mptcp_info->token, 0u);
        std::string text;
        append_mptcp_info_text(text, *s.mptcp_info);
        EXPECT_NE(text.find(" remote_key token:"), std::string::npos) << text;
    }
    EXPECT_EQ(with_info, 2u);  // both ends of the connection
}

TEST(KindsDecode, TruncatedKindsAreCountedNotCrashing) {
    for (const char* name : {"packet", "netlink"}) {
        const auto path = std::string(NETLENS_SOURCE_DIR) + "/fuzz/corpus/sock_diag/" + name;
        std::ifstream in(path, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_GT(bytes.size(), 40u);
        // The first message cut short inside its fixed header: its length still claims the rest.
        std::vector<uint32_t> words(7, 0);
        std::memcpy(words.data(), bytes.data(), 28);
        words[0] = 28;  // nlmsg_len: header plus 12 bytes, shorter than either diag message
        const auto decoded = decode_diag_messages({reinterpret_cast<const uint8_t*>(words.data()), 28}, Protocol::tcp);
        EXPECT_EQ(decoded.sockets.size(), 0u) << name;
        EXPECT_EQ(decoded.undecodable, 1u) << name;
    }
}

}  // namespace
}  // namespace netlens::sockets
