// `netlens route get`: the kernel's decision for one destination (ip route get), in
// one namespace or in each of several.
#pragma once

#include <optional>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/netns.h"
#include "core/sink.h"
#include "route/route_query.h"
#include "source/session.h"

namespace netlens::route {

// With several targets, a namespace where the destination is unreachable is reported
// as skipped with the kernel's reason; with one, it is the error.
std::optional<Error> get_route(const iface::RouteQuery& query, const source::Session& session,
                               const std::vector<NetnsTarget>& targets, Sink& sink, Diagnosis& diagnosis);

}  // namespace netlens::route
