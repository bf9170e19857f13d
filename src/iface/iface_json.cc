#include "iface/iface_json.h"

#include <linux/if.h>
#include <linux/neighbour.h>

#include "iface/ethtool_names.h"
#include "iface/link_numbers.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

// The link's name, or null for index 0 (no link).
Json nullable_name(const std::vector<Link>& links, int ifindex) {
    return ifindex == 0 ? Json(nullptr) : Json(link_name(links, ifindex));
}

// Records from a named namespace say which; records from here carry no "netns".
void add_netns_label(Json& record, const std::string& netns) {
    if (!netns.empty()) record["netns"] = netns;
}

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

template <typename T>
Json value_or_null(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

// Seconds, or null for "forever" (ip -j prints 4294967295) and for no cacheinfo.
Json lifetime_json(const std::optional<uint32_t>& seconds) {
    return seconds && *seconds != kInfiniteLifetime ? Json(*seconds) : Json(nullptr);
}

Json address_json(const Address& address, const IpNames& names) {
    return {
        {"family", family_name(address.family)},
        {"local", address.local},
        {"prefix_length", address.prefix_length},
        {"peer", text_or_null(address.peer)},
        {"broadcast", text_or_null(address.broadcast)},
        {"anycast", text_or_null(address.anycast)},
        {"scope", names.scope(address.scope)},
        {"label", address.label},
        {"flags", address_flag_names(address.flags, address.family)},
        {"metric", value_or_null(address.metric)},
        {"valid_lifetime_s", lifetime_json(address.valid_lifetime_s)},
        {"preferred_lifetime_s", lifetime_json(address.preferred_lifetime_s)},
    };
}

// ethtool's settings by the words `ethtool DEV` and `ethtool -i DEV` use, made snake_case;
// null where the driver did not answer.
Json ethtool_json(const EthtoolLink& ethtool) {
    const bool known_speed = ethtool.speed_mbps && !is_unknown_speed(*ethtool.speed_mbps);
    auto named = [](const std::optional<uint8_t>& value, std::string (*name)(uint8_t)) {
        return value ? Json(name(*value)) : Json(nullptr);
    };
    Json mdix = ethtool.mdix && ethtool.mdix_ctrl ? Json(mdix_text(*ethtool.mdix, *ethtool.mdix_ctrl)) : Json(nullptr);
    return {
        {"speed_mbps", known_speed ? Json(*ethtool.speed_mbps) : Json(nullptr)},
        {"duplex", named(ethtool.duplex, duplex_name)},
        {"autoneg", ethtool.autoneg ? Json(*ethtool.autoneg != 0) : Json(nullptr)},
        {"port", named(ethtool.port, port_name)},
        {"phyad", value_or_null(ethtool.phy_address)},
        {"transceiver", named(ethtool.transceiver, transceiver_name)},
        {"mdix", mdix},
        {"link_detected", value_or_null(ethtool.link_detected)},
        {"driver", value_or_null(ethtool.driver)},
        {"version", ethtool.driver ? Json(ethtool.driver_version) : Json(nullptr)},
        {"firmware_version", ethtool.driver ? Json(ethtool.firmware_version) : Json(nullptr)},
        {"expansion_rom_version", ethtool.driver ? Json(ethtool.expansion_rom_version) : Json(nullptr)},
        {"bus_info", ethtool.driver ? Json(ethtool.bus_info) : Json(nullptr)},
    };
}


}  // namespace

Json stats_json(const rtnl_link_stats64& stats) {
    Json json = {{"rx", Json::object()}, {"tx", Json::object()}};
    for (const auto& field : stats_fields()) json[field.direction][field.name] = stats.*field.member;
    return json;
}

Json link_json(const Link& link, const Snapshot& snapshot, const LinkDelta* delta) {
    Json addresses = Json::array();
    for (const auto& address : link.addresses) addresses.push_back(address_json(address, snapshot.names));
    Json nic = Json::object();
    for (const auto& counter : link.nic_counters) nic[counter.name] = counter.value;

    Json record = {
        {"ifindex", link.ifindex},
        {"name", link.name},
        {"kind", link.kind},
        {"state", operstate_name(link.operstate)},
        {"admin_up", (link.flags & IFF_UP) != 0},
        {"carrier", link.carrier ? Json(*link.carrier) : Json(nullptr)},
        {"mtu", link.mtu},
        {"flags", link_flag_names(link.flags)},
        {"master", nullable_name(snapshot.links, link.master_ifindex)},
        {"link_ifindex", link.link_ifindex == 0 ? Json(nullptr) : Json(link.link_ifindex)},
        {"mac", link.mac},
        {"qdisc", link.qdisc},
        {"alias", text_or_null(link.alias)},
        {"link_type", link_type_name(link.type)},
        {"broadcast", text_or_null(link.broadcast)},
        {"permaddr", text_or_null(link.permanent_mac)},
        {"linkmode", link.linkmode ? Json(linkmode_name(*link.linkmode)) : Json(nullptr)},
        {"group", link.numbers.group ? Json(snapshot.names.group(*link.numbers.group)) : Json(nullptr)},
        {"link_netnsid", value_or_null(link.link_netnsid)},
        {"proto_down", value_or_null(link.proto_down)},
        {"altnames", link.altnames},
        {"parentbus", text_or_null(link.parent_bus)},
        {"parentdev", text_or_null(link.parent_device)},
        {"addresses", addresses},
        {"stats", link.stats ? stats_json(*link.stats) : Json(nullptr)},
        {"nic_counters", nic},
        {"ethtool", link.ethtool ? ethtool_json(*link.ethtool) : Json(nullptr)},
    };
    for (const auto& field : kLinkNumberFields) record[field.json_name] = value_or_null(link.numbers.*field.member);
    if (delta != nullptr) {
        Json nic_delta = Json::object();
        for (const auto& counter : delta->nic) nic_delta[counter.name] = counter.value;
        record["delta"] = {{"interval_s", delta->interval_s},
                           {"stats", stats_json(delta->stats)},
                           {"nic_counters", nic_delta}};
    }
    add_netns_label(record, snapshot.netns);
    return record;
}

Json neighbour_json(const Neighbour& neighbour, const Snapshot& snapshot) {
    Json record = {
        {"destination", neighbour.destination},
        {"dev", link_name(snapshot.links, neighbour.ifindex)},
        {"family", family_name(neighbour.family)},
        {"lladdr", neighbour.lladdr.empty() ? Json(nullptr) : Json(neighbour.lladdr)},
        {"state", neighbour_state_names(neighbour.state)},
        {"router", (neighbour.flags & NTF_ROUTER) != 0},
        {"flags", neighbour_flag_names(neighbour.flags, neighbour.extended_flags)},
        {"protocol", neighbour.protocol == 0 ? Json(nullptr) : Json(snapshot.names.protocol(neighbour.protocol))},
    };
    add_netns_label(record, snapshot.netns);
    return record;
}

}  // namespace netlens::iface
