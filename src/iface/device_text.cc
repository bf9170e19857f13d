#include "iface/device_text.h"

#include <linux/ethtool.h>
#include <linux/if.h>
#include <linux/if_addr.h>

#include "iface/ethtool_names.h"
#include "iface/rtnl_names.h"
#include "iface/snapshot.h"

namespace netlens::iface {

namespace {

std::string lifetime_text(uint32_t seconds) {
    return seconds == kInfiniteLifetime ? "forever" : std::to_string(seconds) + "sec";
}

// "v0@v1", "v0@if2" (lower link in another namespace), or the name alone.
std::string name_and_lower(const Link& link, const std::vector<Link>& links) {
    if (link.link_ifindex == 0) return link.name;
    if (link.link_netnsid) return link.name + "@if" + std::to_string(link.link_ifindex);
    return link.name + "@" + link_name(links, link.link_ifindex);
}

// ip's words around the kernel's flags: NO-CARRIER first for a link that is up without a
// running lower layer, M-DOWN last when the lower link here is down.
std::string flags_text(uint32_t flags, bool lower_down) {
    std::vector<std::string> names = link_flag_names(flags);
    if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) names.insert(names.begin(), "NO-CARRIER");
    if (lower_down) names.emplace_back("M-DOWN");
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ",") + name;
    return "<" + text + ">";
}

}  // namespace

std::vector<std::string> link_lines(const Link& link, const std::vector<Link>& links, const IpNames& names) {
    // The lower link's state is known only when it is in this namespace.
    const Link* lower = nullptr;
    if (link.link_ifindex != 0 && !link.link_netnsid) {
        for (const auto& other : links) {
            if (other.ifindex == link.link_ifindex) lower = &other;
        }
    }
    const bool lower_down = lower != nullptr && (lower->flags & IFF_UP) == 0;
    std::string first = std::to_string(link.ifindex) + ": " + name_and_lower(link, links) + ": " +
                        flags_text(link.flags, lower_down);
    first += " mtu " + std::to_string(link.mtu);
    if (!link.qdisc.empty()) first += " qdisc " + link.qdisc;
    if (link.master_ifindex != 0) first += " master " + link_name(links, link.master_ifindex);
    first += " state " + operstate_name(link.operstate);
    if (link.linkmode) first += " mode " + linkmode_name(*link.linkmode);
    if (link.numbers.group) first += " group " + names.group(*link.numbers.group);
    if (link.numbers.txqlen && *link.numbers.txqlen != 0) first += " qlen " + std::to_string(*link.numbers.txqlen);

    std::string second = "link/" + link_type_name(link.type);
    if (!link.mac.empty()) second += " " + link.mac;
    if (!link.broadcast.empty()) second += ((link.flags & IFF_POINTOPOINT) != 0 ? " peer " : " brd ") + link.broadcast;
    if (!link.permanent_mac.empty()) second += " permaddr " + link.permanent_mac;
    if (link.link_netnsid) second += " link-netnsid " + std::to_string(*link.link_netnsid);

    std::vector<std::string> lines = {first, second};
    if (!link.alias.empty()) lines.push_back("alias " + link.alias);
    for (const auto& name : link.altnames) lines.push_back("altname " + name);
    return lines;
}

std::vector<std::string> address_lines(const Address& address, const IpNames& names) {
    std::string text = family_name(address.family) + " " + address.local;
    if (!address.peer.empty()) text += " peer " + address.peer;
    text += "/" + std::to_string(address.prefix_length) + " ";
    if (address.metric) text += "metric " + std::to_string(*address.metric) + " ";
    if (!address.broadcast.empty()) text += "brd " + address.broadcast + " ";
    if (!address.anycast.empty()) text += "any " + address.anycast + " ";
    text += "scope " + names.scope(address.scope) + " ";
    for (const auto& flag : address_flag_names(address.flags, address.family)) text += flag + " ";
    text += address.label;
    std::vector<std::string> lines = {text};
    if (address.valid_lifetime_s && address.preferred_lifetime_s) {
        lines.push_back("valid_lft " + lifetime_text(*address.valid_lifetime_s) + " preferred_lft " +
                        lifetime_text(*address.preferred_lifetime_s));
    }
    return lines;
}

std::vector<std::string> ethtool_lines(const EthtoolLink& ethtool) {
    std::vector<std::string> lines;
    if (ethtool.speed_mbps) lines.push_back("Speed: " + speed_text(ethtool.speed_mbps));
    if (ethtool.duplex) lines.push_back("Duplex: " + duplex_name(*ethtool.duplex));
    if (ethtool.autoneg) lines.push_back("Auto-negotiation: " + autoneg_text(*ethtool.autoneg));
    if (ethtool.port) lines.push_back("Port: " + port_name(*ethtool.port));
    if (ethtool.phy_address) lines.push_back("PHYAD: " + std::to_string(*ethtool.phy_address));
    if (ethtool.transceiver) lines.push_back("Transceiver: " + transceiver_name(*ethtool.transceiver));
    // ethtool shows MDI-X for twisted-pair ports only.
    if (ethtool.mdix && ethtool.mdix_ctrl && ethtool.port == PORT_TP) {
        lines.push_back("MDI-X: " + mdix_text(*ethtool.mdix, *ethtool.mdix_ctrl));
    }
    if (ethtool.link_detected) lines.push_back(std::string("Link detected: ") + (*ethtool.link_detected ? "yes" : "no"));
    if (ethtool.driver) {
        lines.push_back("driver: " + *ethtool.driver);
        lines.push_back("version: " + ethtool.driver_version);
        lines.push_back("firmware-version: " + ethtool.firmware_version);
        lines.push_back("expansion-rom-version: " + ethtool.expansion_rom_version);
        lines.push_back("bus-info: " + ethtool.bus_info);
    }
    return lines;
}

}  // namespace netlens::iface
