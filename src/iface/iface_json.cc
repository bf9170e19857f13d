#include "iface/iface_json.h"

#include <linux/if.h>
#include <linux/neighbour.h>

#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

nlohmann::json nullable_name(const std::vector<Link>& links, int ifindex) {
    return ifindex == 0 ? nlohmann::json(nullptr) : nlohmann::json(link_name(links, ifindex));
}

nlohmann::json address_json(const Address& address) {
    return {
        {"family", family_name(address.family)},
        {"local", address.local},
        {"prefix_length", address.prefix_length},
        {"peer", address.peer.empty() ? nlohmann::json(nullptr) : nlohmann::json(address.peer)},
        {"broadcast", address.broadcast.empty() ? nlohmann::json(nullptr) : nlohmann::json(address.broadcast)},
        {"scope", scope_name(address.scope)},
        {"label", address.label},
    };
}

void label(nlohmann::json& record, const std::string& netns) {
    if (!netns.empty()) record["netns"] = netns;
}

}  // namespace

nlohmann::json stats_json(const rtnl_link_stats64& stats) {
    nlohmann::json json = {{"rx", nlohmann::json::object()}, {"tx", nlohmann::json::object()}};
    for (const auto& field : stats_fields()) json[field.direction][field.name] = stats.*field.member;
    return json;
}

nlohmann::json link_json(const Link& link, const Snapshot& snapshot, const LinkDelta* delta) {
    nlohmann::json addresses = nlohmann::json::array();
    for (const auto& address : link.addresses) addresses.push_back(address_json(address));
    nlohmann::json nic = nlohmann::json::object();
    for (const auto& counter : link.nic_counters) nic[counter.name] = counter.value;

    nlohmann::json record = {
        {"ifindex", link.ifindex},
        {"name", link.name},
        {"kind", link.kind},
        {"state", operstate_name(link.operstate)},
        {"admin_up", (link.flags & IFF_UP) != 0},
        {"carrier", link.carrier ? nlohmann::json(*link.carrier) : nlohmann::json(nullptr)},
        {"mtu", link.mtu},
        {"flags", link_flag_names(link.flags)},
        {"master", nullable_name(snapshot.links, link.master_ifindex)},
        {"link_ifindex", link.link_ifindex == 0 ? nlohmann::json(nullptr) : nlohmann::json(link.link_ifindex)},
        {"mac", link.mac},
        {"qdisc", link.qdisc},
        {"addresses", addresses},
        {"stats", link.stats ? stats_json(*link.stats) : nlohmann::json(nullptr)},
        {"nic_counters", nic},
    };
    if (delta != nullptr) {
        nlohmann::json nic_delta = nlohmann::json::object();
        for (const auto& counter : delta->nic) nic_delta[counter.name] = counter.value;
        record["delta"] = {{"interval_s", delta->interval_s},
                           {"stats", stats_json(delta->stats)},
                           {"nic_counters", nic_delta}};
    }
    label(record, snapshot.netns);
    return record;
}

nlohmann::json neighbour_json(const Neighbour& neighbour, const Snapshot& snapshot) {
    nlohmann::json record = {
        {"destination", neighbour.destination},
        {"dev", link_name(snapshot.links, neighbour.ifindex)},
        {"family", family_name(neighbour.family)},
        {"lladdr", neighbour.lladdr.empty() ? nlohmann::json(nullptr) : nlohmann::json(neighbour.lladdr)},
        {"state", neighbour_state_names(neighbour.state)},
        {"router", (neighbour.flags & NTF_ROUTER) != 0},
    };
    label(record, snapshot.netns);
    return record;
}

nlohmann::json route_json(const Route& route, const std::vector<Link>& links, const std::string& netns) {
    std::string destination = "default";
    if (!route.destination.empty()) {
        const bool host = route.destination_length == (route.family == AF_INET ? 32 : 128);
        destination = host ? route.destination : route.destination + "/" + std::to_string(route.destination_length);
    }
    auto optional_text = [](const std::string& text) {
        return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
    };
    nlohmann::json record = {
        {"family", family_name(route.family)},
        {"type", route_type_name(route.type)},
        {"dst", destination},
        {"gateway", optional_text(route.gateway)},
        {"dev", nullable_name(links, route.oif)},
        {"iif", nullable_name(links, route.iif)},
        {"prefsrc", optional_text(route.preferred_source)},
        {"protocol", route_protocol_name(route.protocol)},
        {"scope", scope_name(route.scope)},
        {"metric", route.metric ? nlohmann::json(*route.metric) : nlohmann::json(nullptr)},
        {"table", route_table_name(route.table)},
    };
    label(record, netns);
    return record;
}

}  // namespace netlens::iface
