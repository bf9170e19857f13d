#include "route/route_refusal.h"

#include <linux/rtnetlink.h>

#include <cerrno>

#include "iface/rtnl_dump.h"
#include "iface/rtnl_names.h"

namespace netlens::iface {

namespace {

// The errno each refusing route type makes a lookup fail with (the kernel's
// fib_props table; IPv6 uses the same errnos).
struct Refusal {
    uint8_t type;
    int err;
};
constexpr Refusal kRefusals[] = {
    {RTN_PROHIBIT, EACCES},
    {RTN_BLACKHOLE, EINVAL},
    {RTN_UNREACHABLE, EHOSTUNREACH},
    {RTN_THROW, ENETUNREACH},
};

// The most specific route of `type` whose prefix holds the destination, if any.
std::optional<Route> covering_route(netlink::Channel& socket, const IpAddress& destination, uint8_t type) {
    std::optional<Route> best;
    Diagnosis ignored;  // a damaged dump only costs the explanation, not the answer
    (void)for_each_route(
        socket, {destination.family, std::nullopt, false},
        [&](Route&& route) {
            if (route.type != type) return;
            const auto prefix = route.destination.empty() ? IpAddress{destination.family, {}}
                                                          : parse_ip_address(route.destination).value_or(IpAddress{});
            if (prefix.family != destination.family || !in_prefix(destination, prefix, route.destination_length)) return;
            if (!best || route.destination_length > best->destination_length) best = std::move(route);
        },
        ignored);
    return best;
}

}  // namespace

std::optional<uint8_t> refusing_route_type(int err) {
    for (const auto& refusal : kRefusals) {
        if (refusal.err == err) return refusal.type;
    }
    return std::nullopt;
}

Error explain_refused_route(netlink::Channel& socket, const RouteQuery& query, int err, const std::string& kernel_text) {
    const std::string what = "route get " + query.destination.to_string();
    const auto type = refusing_route_type(err);
    const auto route = type ? covering_route(socket, query.destination, *type) : std::nullopt;
    if (!route) return Error{ExitCode::failure, kernel_text};
    const std::string prefix = (route->destination.empty() ? std::string("default")
                                                           : route->destination + "/" +
                                                                 std::to_string(route->destination_length));
    return Error{ExitCode::failure, what + ": " + route_type_name(route->type) + " route " + prefix + " (table " +
                                        route_table_name(route->table) + ") refused it: " + errno_text(err)};
}

}  // namespace netlens::iface
