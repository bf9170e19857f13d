// Names of Ethernet protocol numbers as ss prints a packet socket's protocol ("ip",
// "arp", "802.1Q"), from iproute2's link-layer protocol table.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace netlens::sockets {

// The name of an ETH_P_* number (host order), or nullopt for one without a name.
std::optional<std::string_view> link_protocol_name(uint16_t protocol);

}  // namespace netlens::sockets
