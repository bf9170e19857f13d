#include "iface/device_text.h"

#include <linux/ethtool.h>
#include <linux/if_addr.h>

#include "iface/ethtool_names.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

std::string lifetime_text(uint32_t seconds) {
    return seconds == kInfiniteLifetime ? "forever" : std::to_string(seconds) + "sec";
}

}  // namespace

std::vector<std::string> address_lines(const Address& address) {
    std::string text = family_name(address.family) + " " + address.local;
    if (!address.peer.empty()) text += " peer " + address.peer;
    text += "/" + std::to_string(address.prefix_length) + " ";
    if (address.metric) text += "metric " + std::to_string(*address.metric) + " ";
    if (!address.broadcast.empty()) text += "brd " + address.broadcast + " ";
    if (!address.anycast.empty()) text += "any " + address.anycast + " ";
    text += "scope " + scope_name(address.scope) + " ";
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
