#include "iface/rtnl_decode.h"

#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "iface/rtnl_message.h"
#include "iface/link_numbers.h"
#include "iface/rtnl_names.h"
#include "netlink/attributes.h"

namespace netlens::iface {

using netlink::AttributeIndex;

namespace {

std::string mac_attribute(const nlattr* attribute) { return format_mac(netlink::read_bytes(attribute)); }

// IFLA_PROP_LIST holds the alternative names, each an IFLA_ALT_IFNAME; the nest may
// repeat a type, so it is walked rather than indexed.
std::vector<std::string> alternative_names(const nlattr* list) {
    std::vector<std::string> names;
    if (list == nullptr) return names;
    netlink::for_each_nested(list, [&](const nlattr* attribute) {
        if (mnl_attr_get_type(attribute) != IFLA_ALT_IFNAME) return;
        if (auto name = netlink::read_string(attribute)) names.push_back(std::move(*name));
    });
    return names;
}

void decode_link_details(const AttributeIndex& attributes, Link& link) {
    link.broadcast = mac_attribute(attributes.get(IFLA_BROADCAST));
    // ip shows the permanent address only where it differs from the current one.
    const std::string permanent = mac_attribute(attributes.get(IFLA_PERM_ADDRESS));
    if (permanent != link.mac) link.permanent_mac = permanent;
    link.alias = netlink::read_string(attributes.get(IFLA_IFALIAS)).value_or("");
    link.linkmode = netlink::read_u8(attributes.get(IFLA_LINKMODE));
    if (auto id = netlink::read_u32(attributes.get(IFLA_LINK_NETNSID))) link.link_netnsid = static_cast<int32_t>(*id);
    if (auto down = netlink::read_u8(attributes.get(IFLA_PROTO_DOWN))) link.proto_down = *down != 0;
    link.altnames = alternative_names(attributes.get(IFLA_PROP_LIST));
    link.parent_bus = netlink::read_string(attributes.get(IFLA_PARENT_DEV_BUS_NAME)).value_or("");
    link.parent_device = netlink::read_string(attributes.get(IFLA_PARENT_DEV_NAME)).value_or("");
    link.numbers.group = netlink::read_u32(attributes.get(IFLA_GROUP));
    for (const auto& field : kLinkNumberFields) link.numbers.*field.member = netlink::read_u32(attributes.get(field.attribute));
}

}  // namespace

std::optional<Link> decode_link(const nlmsghdr* message) {
    const auto* info = fixed_header<ifinfomsg>(message);
    AttributeIndex attributes;
    if (info == nullptr || !attributes.parse(message, sizeof(ifinfomsg))) return std::nullopt;

    Link link;
    link.ifindex = info->ifi_index;
    link.type = info->ifi_type;
    link.flags = info->ifi_flags;
    link.name = netlink::read_string(attributes.get(IFLA_IFNAME)).value_or("");
    link.operstate = netlink::read_u8(attributes.get(IFLA_OPERSTATE)).value_or(0);
    if (auto carrier = netlink::read_u8(attributes.get(IFLA_CARRIER))) link.carrier = *carrier != 0;
    link.mtu = netlink::read_u32(attributes.get(IFLA_MTU)).value_or(0);
    link.master_ifindex = static_cast<int>(netlink::read_u32(attributes.get(IFLA_MASTER)).value_or(0));
    link.link_ifindex = static_cast<int>(netlink::read_u32(attributes.get(IFLA_LINK)).value_or(0));
    link.mac = mac_attribute(attributes.get(IFLA_ADDRESS));
    link.qdisc = netlink::read_string(attributes.get(IFLA_QDISC)).value_or("");
    link.stats = netlink::read_struct<rtnl_link_stats64>(attributes.get(IFLA_STATS64));
    decode_link_details(attributes, link);

    AttributeIndex link_info;
    if (link_info.parse_nested(attributes.get(IFLA_LINKINFO))) {
        link.kind = netlink::read_string(link_info.get(IFLA_INFO_KIND)).value_or("");
    }
    return link;
}

std::optional<Address> decode_address(const nlmsghdr* message) {
    const auto* info = fixed_header<ifaddrmsg>(message);
    AttributeIndex attributes;
    if (info == nullptr || !attributes.parse(message, sizeof(ifaddrmsg))) return std::nullopt;

    Address address;
    address.ifindex = static_cast<int>(info->ifa_index);
    address.family = info->ifa_family;
    address.prefix_length = info->ifa_prefixlen;
    address.scope = info->ifa_scope;
    address.flags = netlink::read_u32(attributes.get(IFA_FLAGS)).value_or(info->ifa_flags);
    // IFA_LOCAL is the address on point-to-point links; IFA_ADDRESS is then the peer.
    // On IPv6 only IFA_ADDRESS is sent.
    const std::string local = ip_attribute(info->ifa_family, attributes.get(IFA_LOCAL));
    const std::string address_attribute = ip_attribute(info->ifa_family, attributes.get(IFA_ADDRESS));
    address.local = local.empty() ? address_attribute : local;
    if (!local.empty() && !address_attribute.empty() && local != address_attribute) {
        address.peer = address_attribute;
    }
    address.broadcast = ip_attribute(info->ifa_family, attributes.get(IFA_BROADCAST));
    address.anycast = ip_attribute(info->ifa_family, attributes.get(IFA_ANYCAST));
    address.label = netlink::read_string(attributes.get(IFA_LABEL)).value_or("");
    address.metric = netlink::read_u32(attributes.get(IFA_RT_PRIORITY));
    // A short cacheinfo says nothing about lifetimes: absent, not zero.
    if (netlink::read_bytes(attributes.get(IFA_CACHEINFO)).size() >= sizeof(ifa_cacheinfo)) {
        const auto cache = netlink::read_struct<ifa_cacheinfo>(attributes.get(IFA_CACHEINFO));
        address.valid_lifetime_s = cache->ifa_valid;
        address.preferred_lifetime_s = cache->ifa_prefered;
    }
    if (address.local.empty()) return std::nullopt;
    return address;
}

std::optional<Neighbour> decode_neighbour(const nlmsghdr* message) {
    const auto* info = fixed_header<ndmsg>(message);
    AttributeIndex attributes;
    if (info == nullptr || !attributes.parse(message, sizeof(ndmsg))) return std::nullopt;

    Neighbour neighbour;
    neighbour.ifindex = info->ndm_ifindex;
    neighbour.family = info->ndm_family;
    neighbour.state = info->ndm_state;
    neighbour.flags = info->ndm_flags;
    neighbour.destination = ip_attribute(info->ndm_family, attributes.get(NDA_DST));
    neighbour.lladdr = mac_attribute(attributes.get(NDA_LLADDR));
    neighbour.extended_flags = netlink::read_u32(attributes.get(NDA_FLAGS_EXT)).value_or(0);
    neighbour.protocol = netlink::read_u8(attributes.get(NDA_PROTOCOL)).value_or(0);
    if (neighbour.destination.empty()) return std::nullopt;
    return neighbour;
}

DecodedMessages decode_messages(std::span<const uint8_t> buffer) {
    DecodedMessages decoded;
    auto keep = [&](auto optional, auto& list) {
        if (optional) {
            list.push_back(std::move(*optional));
        } else {
            ++decoded.undecodable;
        }
    };
    decoded.bytes_used = netlink::for_each_message(buffer, [&](const nlmsghdr* message) {
        switch (message->nlmsg_type) {
            case RTM_NEWLINK: keep(decode_link(message), decoded.links); break;
            case RTM_NEWADDR: keep(decode_address(message), decoded.addresses); break;
            case RTM_NEWNEIGH: keep(decode_neighbour(message), decoded.neighbours); break;
            case RTM_NEWROUTE: keep(decode_route(message), decoded.routes); break;
            case RTM_NEWNEXTHOP: keep(decode_nexthop(message), decoded.nexthops); break;
            default: break;
        }
    });
    return decoded;
}

}  // namespace netlens::iface
