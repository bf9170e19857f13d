// `netlens route`: the routing table as `ip route show` lists it, per namespace, with
// the layer-3 findings (no default route, an unresolved gateway). Routes stream from
// the kernel's dump straight to the sink; only the default routes the findings judge
// are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/netns.h"
#include "core/sink.h"
#include "source/session.h"

namespace netlens::route {

struct RouteListRequest {
    std::optional<uint32_t> table;  // nullopt: every table
    int family = 0;                 // AF_INET, AF_INET6, or 0 for both
    bool stats = false;             // ip -s: cache counters (users, used, age)
    std::vector<NetnsTarget> targets;
};

// "main", "local", "default", "all" (nullopt) or a number; anything else is a usage error.
Result<std::optional<uint32_t>> parse_table(const std::string& table);

// Errors: a failed dump, or the one --netns namespace that cannot be entered.
std::optional<Error> list_routes(const RouteListRequest& request, const source::Session& session, Sink& sink,
                                 Diagnosis& diagnosis);

}  // namespace netlens::route
