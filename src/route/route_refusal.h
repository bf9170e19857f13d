// Why `route get` failed. A lookup that ends on a prohibit, blackhole, unreachable or
// throw route gets only an errno from the kernel (EACCES, EINVAL, EHOSTUNREACH,
// ENETUNREACH) — and EACCES there means "a prohibit route", not a missing privilege
// (RTM_GETROUTE needs none). The route that refused is found in a dump of the routes of
// that type, by longest prefix, so the error can name it.
#pragma once

#include <optional>

#include "core/error.h"
#include "netlink/channel.h"
#include "route/route_query.h"

namespace netlens::iface {

// The route type (RTN_*) whose lookup ends with errno `err`; nullopt for other errnos.
std::optional<uint8_t> refusing_route_type(int err);

// An ExitCode::failure error for a route get the kernel refused with `err`, naming the
// refusing route when one of the matching type covers the destination
// ("route get 10.9.1.1: prohibit route 10.9.0.0/16 (table main) refused it: ...").
// `kernel_text` is the channel's error message, kept when no route is found.
Error explain_refused_route(netlink::Channel& socket, const RouteQuery& query, int err, const std::string& kernel_text);

}  // namespace netlens::iface
