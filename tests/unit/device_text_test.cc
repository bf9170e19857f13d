// The text of `netlens iface DEV` in the words of ip link, ip addr and ethtool, from
// hand-built links and addresses.
#include "iface/device_text.h"

#include <gtest/gtest.h>
#include <linux/ethtool.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <sys/socket.h>

#include "iface_fixtures.h"

namespace netlens::iface {
namespace {

using Lines = std::vector<std::string>;

TEST(DeviceText, AddressWithPeerLabelAndForever) {
    Address address = test_support::make_address(AF_INET, "10.0.0.1");
    address.peer = "10.0.0.2";
    address.prefix_length = 32;
    address.label = "v0";
    address.flags = IFA_F_PERMANENT;
    address.valid_lifetime_s = kInfiniteLifetime;
    address.preferred_lifetime_s = kInfiniteLifetime;
    EXPECT_EQ(address_lines(address, iface::IpNames()),
              (Lines{"inet 10.0.0.1 peer 10.0.0.2/32 scope global v0", "valid_lft forever preferred_lft forever"}));
}

TEST(DeviceText, DeprecatedIpv6WithFiniteLifetimes) {
    Address address = test_support::make_address(AF_INET6, "fd01::4");
    address.prefix_length = 64;
    address.flags = IFA_F_NODAD | IFA_F_DEPRECATED;
    address.valid_lifetime_s = 199;
    address.preferred_lifetime_s = 0;
    EXPECT_EQ(address_lines(address, iface::IpNames()), (Lines{"inet6 fd01::4/64 scope global nodad deprecated dynamic ",
                                             "valid_lft 199sec preferred_lft 0sec"}));
}

TEST(DeviceText, LinkLinesAsIpLinkShow) {
    Link lower = test_support::make_link(3, "a2", IFF_BROADCAST);
    Link link = test_support::make_link(4, "a1", IFF_UP | IFF_BROADCAST | IFF_MULTICAST);
    link.operstate = IF_OPER_LOWERLAYERDOWN;
    link.link_ifindex = 3;
    link.type = ARPHRD_ETHER;
    link.mtu = 1500;
    link.qdisc = "noqueue";
    link.linkmode = IF_LINK_MODE_DEFAULT;
    link.numbers.group = 0;
    link.numbers.txqlen = 1000;
    link.mac = "02:00:00:00:00:01";
    link.broadcast = "ff:ff:ff:ff:ff:ff";
    link.alias = "to nowhere";
    const std::vector<Link> links = {lower, link};
    EXPECT_EQ(link_lines(link, links, iface::IpNames()),
              (Lines{"4: a1@a2: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN "
                     "mode DEFAULT group default qlen 1000",
                     "link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff", "alias to nowhere"}));
    link.link_netnsid = 0;  // the lower link is elsewhere: no name, no M-DOWN
    EXPECT_EQ(link_lines(link, links, iface::IpNames())[0].substr(0, 50), "4: a1@if3: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu");
}

TEST(DeviceText, EthtoolLinesLeaveOutWhatTheDriverDidNotAnswer) {
    EthtoolLink lo;
    lo.link_detected = true;
    EXPECT_EQ(ethtool_lines(lo), Lines{"Link detected: yes"});

    EthtoolLink veth;
    veth.speed_mbps = 10000;
    veth.duplex = DUPLEX_FULL;
    veth.autoneg = AUTONEG_DISABLE;
    veth.port = PORT_TP;
    veth.phy_address = 0;
    veth.transceiver = XCVR_INTERNAL;
    veth.mdix = ETH_TP_MDI_INVALID;
    veth.mdix_ctrl = ETH_TP_MDI_INVALID;
    veth.link_detected = false;
    veth.driver = "veth";
    veth.driver_version = "1.0";
    EXPECT_EQ(ethtool_lines(veth),
              (Lines{"Speed: 10000Mb/s", "Duplex: Full", "Auto-negotiation: off", "Port: Twisted Pair", "PHYAD: 0",
                     "Transceiver: internal", "MDI-X: Unknown", "Link detected: no", "driver: veth", "version: 1.0",
                     "firmware-version: ", "expansion-rom-version: ", "bus-info: "}));
}

}  // namespace
}  // namespace netlens::iface
