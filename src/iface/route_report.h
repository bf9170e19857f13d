// `netlens route` (the routing table, like `ip route show`) and `netlens route get`
// (the kernel's decision for one destination, like `ip route get`), per namespace.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "core/error.h"
#include "core/netns.h"
#include "iface/route_query.h"
#include "iface/snapshot.h"

namespace netlens::iface {

struct RouteListRequest {
    std::string table = "main";     // "main", "local", "all" or a number
    int family = 0;                 // AF_INET, AF_INET6, or 0 for both
    std::vector<NetnsTarget> targets;
};

struct RouteListReport {
    std::vector<Snapshot> snapshots;  // routes filtered to the request
    Diagnosis diagnosis;
};

// A table name that is neither main/local/default/all nor a number is a usage error.
Result<RouteListReport> collect_routes(const RouteListRequest& request);
Document route_list_document(const RouteListReport& report);

struct RouteAnswer {
    std::string netns;
    Route route;
    std::vector<Link> links;  // to name interfaces
};

struct RouteGetReport {
    std::vector<RouteAnswer> answers;
    Diagnosis diagnosis;
};

// With several targets, a namespace where the destination is unreachable is reported
// as skipped with the kernel's reason; with one, it is the error.
Result<RouteGetReport> collect_route_get(const RouteQuery& query, const std::vector<NetnsTarget>& targets);
Document route_get_document(const RouteGetReport& report);

}  // namespace netlens::iface
