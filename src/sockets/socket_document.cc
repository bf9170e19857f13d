// The Document for `netlens sockets`: a "sockets" section (one record per socket), a
// "summary" section with -s (one record per namespace), a "top" section with --top.
#include <sys/socket.h>

#include "sockets/socket_json.h"
#include "sockets/socket_report.h"
#include "sockets/states.h"

namespace netlens::sockets {

namespace {

Json count_json(const ProtocolCount& count) {
    return {{"total", count.total()}, {"ipv4", count.ipv4}, {"ipv6", count.ipv6}};
}

Json summary_json(const SocketsView& view) {
    const Summary& s = *view.summary;
    Json states = Json::object();
    for (size_t i = 1; i < s.tcp_states.size(); ++i) {
        states[std::string(state_display_name(static_cast<TcpState>(i)))] = s.tcp_states[i];
    }
    Json record = {
        {"sockets_used", s.sockets_used},
        {"tcp", count_json(s.tcp)},
        {"udp", count_json(s.udp)},
        {"raw", count_json(s.raw)},
        {"unix", s.unix_sockets},
        {"tcp_states", states},
        {"tcp_orphaned", s.orphaned},
        {"tcp_timewait", s.tcp_states[static_cast<size_t>(TcpState::time_wait)]},
    };
    if (s.limits.port_range) {
        record["ip_local_port_range"] = {s.limits.port_range->low, s.limits.port_range->high};
    }
    record["tcp_tw_reuse"] = s.limits.tw_reuse ? Json(*s.limits.tw_reuse) : Json(nullptr);
    record["tcp_max_orphans"] = s.limits.max_orphans ? Json(*s.limits.max_orphans) : Json(nullptr);
    if (!view.netns.empty()) record["netns"] = view.netns;
    return record;
}

}  // namespace

Document sockets_document(const SocketsReport& report) {
    Document document;
    document.command = "sockets";
    if (report.summary) {
        auto& summaries = document.section("summary", "summary");
        for (const auto& view : report.views) summaries.records.push_back(summary_json(view));
    } else {
        auto& sockets = document.section("sockets", "socket");
        for (const auto& view : report.views) {
            const InterfaceNamer namer = [&](uint32_t index) { return interface_name(view, index); };
            for (const auto& socket : view.sockets) sockets.records.push_back(socket_json(socket, namer));
        }
    }
    if (!report.top.empty()) {
        auto& top = document.section("top", "top");
        for (const auto& row : report.top) top.records.push_back({{"key", row.key}, {"sockets", row.sockets}});
    }
    document.diagnosis = report.diagnosis;
    return document;
}

}  // namespace netlens::sockets
