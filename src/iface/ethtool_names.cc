#include "iface/ethtool_names.h"

#include <linux/ethtool.h>

#include "iface/named_table.h"

namespace netlens::iface {

namespace {

constexpr Named<uint8_t> kDuplex[] = {{DUPLEX_HALF, "Half"}, {DUPLEX_FULL, "Full"}};

constexpr Named<uint8_t> kPorts[] = {
    {PORT_TP, "Twisted Pair"}, {PORT_AUI, "AUI"}, {PORT_MII, "MII"}, {PORT_FIBRE, "FIBRE"}, {PORT_BNC, "BNC"},
    {PORT_DA, "Direct Attach Copper"}, {PORT_NONE, "None"}, {PORT_OTHER, "Other"},
};

constexpr Named<uint8_t> kTransceivers[] = {{XCVR_INTERNAL, "internal"}, {XCVR_EXTERNAL, "external"}};

constexpr Named<uint8_t> kMdix[] = {{ETH_TP_MDI, "off"}, {ETH_TP_MDI_X, "on"}};

}  // namespace

bool is_unknown_speed(uint32_t speed_mbps) {
    return speed_mbps == 0 || speed_mbps == static_cast<uint16_t>(-1) || speed_mbps == static_cast<uint32_t>(-1);
}

std::string speed_text(std::optional<uint32_t> speed_mbps) {
    if (!speed_mbps || is_unknown_speed(*speed_mbps)) return "Unknown!";
    return std::to_string(*speed_mbps) + "Mb/s";
}

std::string duplex_name(uint8_t duplex) {
    return lookup(kDuplex, duplex, "Unknown! (" + std::to_string(duplex) + ")");
}

std::string port_name(uint8_t port) { return lookup(kPorts, port, "Unknown! (" + std::to_string(port) + ")"); }

std::string transceiver_name(uint8_t transceiver) { return lookup(kTransceivers, transceiver, "Unknown!"); }

std::string autoneg_text(uint8_t autoneg) { return autoneg == AUTONEG_DISABLE ? "off" : "on"; }

std::string mdix_text(uint8_t mdix, uint8_t mdix_ctrl) {
    // A forced setting says what the port does, whatever the status reads.
    if (mdix_ctrl == ETH_TP_MDI) return "off (forced)";
    if (mdix_ctrl == ETH_TP_MDI_X) return "on (forced)";
    std::string text = lookup(kMdix, mdix, "Unknown");
    if (mdix_ctrl == ETH_TP_MDI_AUTO) text += " (auto)";
    return text;
}

}  // namespace netlens::iface
