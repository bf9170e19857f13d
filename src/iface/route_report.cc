#include "iface/route_report.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>

#include "core/netns_collect.h"
#include "iface/findings.h"
#include "iface/iface_json.h"
#include "iface/rtnl_dump.h"

namespace netlens::iface {

namespace {

// nullopt means every table.
Result<std::optional<uint32_t>> parse_table(const std::string& table) {
    if (table == "all") return std::optional<uint32_t>{};
    if (table == "main") return std::optional<uint32_t>{RT_TABLE_MAIN};
    if (table == "local") return std::optional<uint32_t>{RT_TABLE_LOCAL};
    if (table == "default") return std::optional<uint32_t>{RT_TABLE_DEFAULT};
    if (!table.empty() && table.size() <= 10 && std::all_of(table.begin(), table.end(), ::isdigit)) {
        const unsigned long number = std::stoul(table);
        if (number <= UINT32_MAX) return std::optional<uint32_t>{static_cast<uint32_t>(number)};
    }
    return Error{ExitCode::usage, "--table " + table + ": not a table (main, local, default, all or a number)"};
}

Result<RouteAnswer> ask_here(const RouteQuery& query) {
    auto route = query_route(query);
    if (!route) return route.error();
    auto socket = netlink::Socket::open(NETLINK_ROUTE);
    if (!socket) return socket.error();
    auto links = dump_links(*socket);
    if (!links) return links.error();
    return RouteAnswer{"", std::move(*route), std::move(*links)};
}

}  // namespace

Result<RouteListReport> collect_routes(const RouteListRequest& request) {
    auto table = parse_table(request.table);
    if (!table) return table.error();

    RouteListReport report;
    auto snapshots = take_snapshots(request.targets, {.nic_counters = false}, report.diagnosis);
    if (!snapshots) return snapshots.error();
    for (auto& snapshot : *snapshots) {
        route_findings(snapshot, report.diagnosis);
        std::erase_if(snapshot.routes, [&](const Route& route) {
            return (table->has_value() && route.table != **table) ||
                   (request.family != 0 && route.family != request.family);
        });
    }
    report.snapshots = std::move(*snapshots);
    return report;
}

Document route_list_document(const RouteListReport& report) {
    Document document;
    document.command = "route";
    auto& routes = document.section("routes", "route");
    for (const auto& snapshot : report.snapshots) {
        for (const auto& route : snapshot.routes) routes.records.push_back(route_json(route, snapshot.links, snapshot.netns));
    }
    document.diagnosis = report.diagnosis;
    return document;
}

Result<RouteGetReport> collect_route_get(const RouteQuery& query, const std::vector<NetnsTarget>& targets) {
    RouteGetReport report;
    auto answers = collect_in_namespaces<RouteAnswer>(
        targets, [&]() { return ask_here(query); }, report.diagnosis);
    if (!answers) return answers.error();
    for (auto& [netns, answer] : *answers) {
        answer.netns = netns;
        report.answers.push_back(std::move(answer));
    }
    return report;
}

Document route_get_document(const RouteGetReport& report) {
    Document document;
    document.command = "route get";
    auto& routes = document.section("routes", "route");
    for (const auto& answer : report.answers) routes.records.push_back(route_json(answer.route, answer.links, answer.netns));
    document.diagnosis = report.diagnosis;
    return document;
}

}  // namespace netlens::iface
