// `route get`: asks the kernel which route it would use for a destination
// (RTM_GETROUTE without NLM_F_DUMP), exactly as `ip route get` does, so the answer
// includes policy routing, source selection and the chosen gateway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/ip_address.h"
#include "iface/model.h"
#include "source/source.h"

namespace netlens::iface {

struct RouteQuery {
    IpAddress destination;
    std::optional<IpAddress> from;
    std::string input_interface;   // iif NAME
    std::string output_interface;  // oif NAME
    std::optional<uint32_t> mark;
};

// The kernel's answer; an unreachable destination is an Error carrying the kernel's
// reason ("network is unreachable").
Result<Route> query_route(source::Source& source, const RouteQuery& query);

}  // namespace netlens::iface
