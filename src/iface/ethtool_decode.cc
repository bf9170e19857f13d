#include "iface/ethtool_decode.h"

#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "netlink/attributes.h"

namespace netlens::iface {

namespace {

using netlink::AttributeIndex;

const genlmsghdr* generic_header(const nlmsghdr* message) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(genlmsghdr)) return nullptr;
    return static_cast<const genlmsghdr*>(mnl_nlmsg_get_payload(message));
}

// Each reply kind nests its request header at attribute 1 (ETHTOOL_A_*_HEADER).
constexpr int kReplyHeaderAttribute = 1;
static_assert(ETHTOOL_A_LINKMODES_HEADER == kReplyHeaderAttribute && ETHTOOL_A_LINKINFO_HEADER == kReplyHeaderAttribute &&
              ETHTOOL_A_LINKSTATE_HEADER == kReplyHeaderAttribute);

void apply_linkmodes(const AttributeIndex& attributes, EthtoolLink& into) {
    if (auto speed = netlink::read_u32(attributes.get(ETHTOOL_A_LINKMODES_SPEED))) {
        into.speed_mbps = *speed;
    }
    if (auto duplex = netlink::read_u8(attributes.get(ETHTOOL_A_LINKMODES_DUPLEX))) into.duplex = *duplex;
    if (auto autoneg = netlink::read_u8(attributes.get(ETHTOOL_A_LINKMODES_AUTONEG))) into.autoneg = *autoneg;
}

void apply_linkinfo(const AttributeIndex& attributes, EthtoolLink& into) {
    if (auto port = netlink::read_u8(attributes.get(ETHTOOL_A_LINKINFO_PORT))) into.port = *port;
    if (auto phy = netlink::read_u8(attributes.get(ETHTOOL_A_LINKINFO_PHYADDR))) into.phy_address = *phy;
    if (auto transceiver = netlink::read_u8(attributes.get(ETHTOOL_A_LINKINFO_TRANSCEIVER))) {
        into.transceiver = *transceiver;
    }
    if (auto mdix = netlink::read_u8(attributes.get(ETHTOOL_A_LINKINFO_TP_MDIX))) into.mdix = *mdix;
    if (auto control = netlink::read_u8(attributes.get(ETHTOOL_A_LINKINFO_TP_MDIX_CTRL))) into.mdix_ctrl = *control;
}

void apply_linkstate(const AttributeIndex& attributes, EthtoolLink& into) {
    if (auto link = netlink::read_u8(attributes.get(ETHTOOL_A_LINKSTATE_LINK))) into.link_detected = *link != 0;
}

}  // namespace

std::optional<uint16_t> decode_family_id(const nlmsghdr* message) {
    AttributeIndex attributes;
    if (generic_header(message) == nullptr || !attributes.parse(message, sizeof(genlmsghdr))) return std::nullopt;
    return netlink::read_u16(attributes.get(CTRL_ATTR_FAMILY_ID));
}

std::optional<EthtoolReplyHeader> decode_ethtool_header(const nlmsghdr* message) {
    const genlmsghdr* generic = generic_header(message);
    AttributeIndex attributes;
    if (generic == nullptr || !attributes.parse(message, sizeof(genlmsghdr))) return std::nullopt;
    AttributeIndex header;
    if (!header.parse_nested(attributes.get(kReplyHeaderAttribute))) return std::nullopt;
    auto ifindex = netlink::read_u32(header.get(ETHTOOL_A_HEADER_DEV_INDEX));
    if (!ifindex) return std::nullopt;
    return EthtoolReplyHeader{generic->cmd, static_cast<int>(*ifindex),
                              netlink::read_string(header.get(ETHTOOL_A_HEADER_DEV_NAME)).value_or("")};
}

bool apply_ethtool_reply(const nlmsghdr* message, EthtoolLink& into) {
    const genlmsghdr* generic = generic_header(message);
    AttributeIndex attributes;
    if (generic == nullptr || !attributes.parse(message, sizeof(genlmsghdr))) return false;
    switch (generic->cmd) {
        case ETHTOOL_MSG_LINKMODES_GET_REPLY: apply_linkmodes(attributes, into); return true;
        case ETHTOOL_MSG_LINKINFO_GET_REPLY: apply_linkinfo(attributes, into); return true;
        case ETHTOOL_MSG_LINKSTATE_GET_REPLY: apply_linkstate(attributes, into); return true;
        default: return false;
    }
}

DecodedEthtool decode_ethtool_messages(std::span<const uint8_t> buffer) {
    DecodedEthtool decoded;
    decoded.bytes_used = netlink::for_each_message(buffer, [&](const nlmsghdr* message) {
        if (message->nlmsg_type < NLMSG_MIN_TYPE) return;
        if (message->nlmsg_type == GENL_ID_CTRL) {
            (void)decode_family_id(message);
            return;
        }
        EthtoolLink scratch;
        if (decode_ethtool_header(message) && apply_ethtool_reply(message, scratch)) {
            ++decoded.applied;
        } else {
            ++decoded.undecodable;
        }
    });
    return decoded;
}

}  // namespace netlens::iface
