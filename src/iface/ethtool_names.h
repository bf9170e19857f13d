// ethtool's words for link settings, as `ethtool DEV` prints them ("Speed: 10000Mb/s",
// "Duplex: Full", "Port: Twisted Pair"), kept in tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace netlens::iface {

std::string speed_text(std::optional<uint32_t> speed_mbps);  // "10000Mb/s", "Unknown!"
std::string duplex_name(uint8_t duplex);                      // "Full", "Half", "Unknown! (255)"
std::string port_name(uint8_t port);                          // "Twisted Pair", "FIBRE"
std::string transceiver_name(uint8_t transceiver);            // "internal", "external"
std::string autoneg_text(uint8_t autoneg);                    // "on", "off"
// "MDI-X" line's value from the status and the control setting: "Unknown", "on (auto)".
std::string mdix_text(uint8_t mdix, uint8_t mdix_ctrl);

// A speed the kernel reports as unknown (0, SPEED_UNKNOWN, or its 16-bit form).
bool is_unknown_speed(uint32_t speed_mbps);

}  // namespace netlens::iface
