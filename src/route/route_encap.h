// The lightweight tunnel of a route (RTA_ENCAP_TYPE + nested RTA_ENCAP): ip, ip6, mpls
// and seg6 encapsulations decoded field by field; other types keep only their type.
#pragma once

#include <libmnl/libmnl.h>

#include <optional>
#include <string>

#include "iface/model.h"

namespace netlens::iface {

// nullopt without an RTA_ENCAP_TYPE; a malformed RTA_ENCAP leaves the fields it could
// not read out, as ip leaves them out.
std::optional<RouteEncap> decode_route_encap(const nlattr* type, const nlattr* encap);

// ip's words: "ip", "seg6", "unknown" for a type it has no name for.
std::string encap_type_name(uint16_t type);
// seg6's mode: "encap", "inline", ...; "<unknown>" as ip prints an unknown mode.
std::string seg6_mode_name(int32_t mode);

}  // namespace netlens::iface
