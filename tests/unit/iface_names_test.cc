// The words ip and ethtool print for address flags, neighbour states and flags, link
// types and link settings, by their own rules (iproute2 ip/ipaddress.c, ip/ipneigh.c;
// ethtool's netlink/settings.c).
#include <gtest/gtest.h>
#include <linux/ethtool.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <sys/socket.h>

#include "iface/ethtool_names.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {
namespace {

using Names = std::vector<std::string>;

TEST(AddressFlagNames, DynamicIsTheAbsenceOfPermanent) {
    EXPECT_EQ(address_flag_names(IFA_F_PERMANENT, AF_INET), Names{});
    EXPECT_EQ(address_flag_names(0, AF_INET6), Names{"dynamic"});
    EXPECT_EQ(address_flag_names(IFA_F_NOPREFIXROUTE, AF_INET6), (Names{"dynamic", "noprefixroute"}));
}

TEST(AddressFlagNames, SecondaryIsTemporaryForIpv6) {
    EXPECT_EQ(address_flag_names(IFA_F_SECONDARY | IFA_F_PERMANENT, AF_INET), Names{"secondary"});
    EXPECT_EQ(address_flag_names(IFA_F_SECONDARY | IFA_F_PERMANENT, AF_INET6), Names{"temporary"});
}

TEST(AddressFlagNames, EveryFlagInIpsOrderAndUnknownBitsAsHex) {
    const uint32_t all = IFA_F_SECONDARY | IFA_F_NODAD | IFA_F_OPTIMISTIC | IFA_F_DADFAILED | IFA_F_HOMEADDRESS |
                         IFA_F_DEPRECATED | IFA_F_TENTATIVE | IFA_F_MANAGETEMPADDR | IFA_F_NOPREFIXROUTE |
                         IFA_F_MCAUTOJOIN | IFA_F_STABLE_PRIVACY | 0x8000;
    EXPECT_EQ(address_flag_names(all, AF_INET6),
              (Names{"temporary", "nodad", "optimistic", "dadfailed", "home", "deprecated", "tentative", "dynamic",
                     "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy", "0x8000"}));
}

TEST(NeighbourNames, StatesAndCombinations) {
    EXPECT_EQ(neighbour_state_names(NUD_NONE), Names{"NONE"});
    EXPECT_EQ(neighbour_state_names(NUD_STALE), Names{"STALE"});
    EXPECT_EQ(neighbour_state_names(NUD_NOARP | NUD_PERMANENT), (Names{"NOARP", "PERMANENT"}));
    EXPECT_EQ(neighbour_state_names(NUD_INCOMPLETE | NUD_FAILED), (Names{"INCOMPLETE", "FAILED"}));
}

TEST(NeighbourNames, FlagsInIpsOrder) {
    EXPECT_EQ(neighbour_flag_names(0, 0), Names{});
    EXPECT_EQ(neighbour_flag_names(NTF_ROUTER | NTF_PROXY | NTF_EXT_LEARNED | NTF_OFFLOADED, NTF_EXT_MANAGED),
              (Names{"router", "proxy", "managed", "extern_learn", "offload"}));
    EXPECT_EQ(neighbour_flag_names(0, NTF_EXT_MANAGED), Names{"managed"});
}

TEST(LinkNames, TypesModesGroups) {
    EXPECT_EQ(link_type_name(ARPHRD_ETHER), "ether");
    EXPECT_EQ(link_type_name(ARPHRD_LOOPBACK), "loopback");
    EXPECT_EQ(link_type_name(ARPHRD_NONE), "none");
    EXPECT_EQ(link_type_name(4242), "[4242]");
    EXPECT_EQ(linkmode_name(IF_LINK_MODE_DEFAULT), "DEFAULT");
    EXPECT_EQ(linkmode_name(IF_LINK_MODE_DORMANT), "DORMANT");
    EXPECT_EQ(group_name(0), "default");
    EXPECT_EQ(group_name(7), "7");
}

TEST(EthtoolNames, SpeedDuplexPortTransceiver) {
    EXPECT_EQ(speed_text(10000), "10000Mb/s");
    EXPECT_EQ(speed_text(static_cast<uint32_t>(SPEED_UNKNOWN)), "Unknown!");
    EXPECT_EQ(speed_text(0xFFFF), "Unknown!");
    EXPECT_EQ(speed_text(0), "Unknown!");
    EXPECT_EQ(duplex_name(DUPLEX_FULL), "Full");
    EXPECT_EQ(duplex_name(DUPLEX_HALF), "Half");
    EXPECT_EQ(duplex_name(DUPLEX_UNKNOWN), "Unknown! (255)");
    EXPECT_EQ(port_name(PORT_TP), "Twisted Pair");
    EXPECT_EQ(port_name(PORT_DA), "Direct Attach Copper");
    EXPECT_EQ(port_name(PORT_OTHER), "Other");
    EXPECT_EQ(transceiver_name(XCVR_INTERNAL), "internal");
    EXPECT_EQ(transceiver_name(9), "Unknown!");
    EXPECT_EQ(autoneg_text(AUTONEG_DISABLE), "off");
    EXPECT_EQ(autoneg_text(AUTONEG_ENABLE), "on");
}

TEST(EthtoolNames, MdixFromStatusAndControl) {
    EXPECT_EQ(mdix_text(ETH_TP_MDI_INVALID, ETH_TP_MDI_INVALID), "Unknown");
    EXPECT_EQ(mdix_text(ETH_TP_MDI_X, ETH_TP_MDI_AUTO), "on (auto)");
    EXPECT_EQ(mdix_text(ETH_TP_MDI_X, ETH_TP_MDI), "off (forced)");
    EXPECT_EQ(mdix_text(ETH_TP_MDI, ETH_TP_MDI_X), "on (forced)");
}

}  // namespace
}  // namespace netlens::iface
