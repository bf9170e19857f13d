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
// ip neigh's words for NTF_* and NTF_EXT_* flags: {"router", "extern_learn"}.
std::vector<std::string> neighbour_flag_names(uint8_t flags, uint32_t extended_flags);
// ip addr's words for IFA_F_* flags, in its order and by its rules: "dynamic" for an
// address without IFA_F_PERMANENT, "temporary" for a secondary IPv6 address; bits it
// has no word for as one hex entry ("0x4000").
std::vector<std::string> address_flag_names(uint32_t flags, int family);
std::string link_type_name(uint16_t type);          // ARPHRD_*: "ether", "loopback", "[65534]"
std::string linkmode_name(uint8_t mode);            // "DEFAULT", "DORMANT"
std::string route_type_name(uint8_t type);           // "unicast", "unreachable"
// ip's built-in names, without /etc/iproute2's databases (IpNames reads those).
std::string group_name(uint32_t group);             // "default" for 0, else the number
std::string route_protocol_name(uint8_t protocol);   // "kernel", "static"
std::string scope_name(uint8_t scope);               // "global", "link", "host"
std::string route_table_name(uint32_t table);        // "main", "local", or the number
std::string family_name(int family);                 // "inet", "inet6"

// Formats an IPv4/IPv6 address from raw bytes; empty for an unexpected length.
std::string format_ip(int family, std::span<const uint8_t> bytes);
// "aa:bb:cc:dd:ee:ff" for any hardware address length.
std::string format_mac(std::span<const uint8_t> bytes);

}  // namespace netlens::iface
