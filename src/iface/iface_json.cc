#include "iface/iface_json.h"

#include <linux/if.h>
#include <linux/neighbour.h>

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

Json address_json(const Address& address) {
    return {
        {"family", family_name(address.family)},
        {"local", address.local},
        {"prefix_length", address.prefix_length},
        {"peer", address.peer.empty() ? Json(nullptr) : Json(address.peer)},
        {"broadcast", address.broadcast.empty() ? Json(nullptr) : Json(address.broadcast)},
        {"scope", scope_name(address.scope)},
        {"label", address.label},
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
    for (const auto& address : link.addresses) addresses.push_back(address_json(address));
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
        {"addresses", addresses},
        {"stats", link.stats ? stats_json(*link.stats) : Json(nullptr)},
        {"nic_counters", nic},
    };
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
    };
    add_netns_label(record, snapshot.netns);
    return record;
}

}  // namespace netlens::iface
