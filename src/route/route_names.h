// Names of route details as ip(8) prints them: route and nexthop flags, IPv4 cache
// flags, metrics (RTAX_*), IPv6 router preference. Tables, in ip's printing order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netlens::route {

std::vector<std::string> route_flag_names(uint32_t flags);  // {"onlink", "linkdown"}
std::vector<std::string> cache_flag_names(uint32_t flags);  // {"local", "brd"} (RTCF_*, upper bits)
std::string metric_name(uint16_t type);                     // "mtu", "initcwnd"; "metric N" when unknown
std::string preference_name(uint8_t preference);            // "low", "medium", "high" or the number

}  // namespace netlens::route
