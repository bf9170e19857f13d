// Names for rtnetlink constants, as ip(8) prints them, kept in tables rather than
// scattered switch statements.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace netlens::iface {

std::string operstate_name(uint8_t operstate);       // "UP", "LOWERLAYERDOWN"
std::vector<std::string> link_flag_names(uint32_t flags);  // {"BROADCAST","UP",...}
std::vector<std::string> neighbour_state_names(uint16_t state);  // {"REACHABLE"}
std::string route_type_name(uint8_t type);           // "unicast", "unreachable"
std::string route_protocol_name(uint8_t protocol);   // "kernel", "static"
std::string scope_name(uint8_t scope);               // "global", "link", "host"
std::string route_table_name(uint32_t table);        // "main", "local", or the number
std::string family_name(int family);                 // "inet", "inet6"

// Formats an IPv4/IPv6 address from raw bytes; empty for an unexpected length.
std::string format_ip(int family, std::span<const uint8_t> bytes);
// "aa:bb:cc:dd:ee:ff" for any hardware address length.
std::string format_mac(std::span<const uint8_t> bytes);

}  // namespace netlens::iface
