#include "sockets/analysis/top.h"

#include <algorithm>
#include <map>

#include "sockets/diag/diag_query.h"
#include "sockets/present/endpoint_text.h"

namespace netlens::sockets {

namespace {

std::vector<std::string> keys_of(const Socket& socket, TopKey key) {
    switch (key) {
        case TopKey::peers:
            return {is_unix(socket.protocol) ? "-" : address_text(socket.peer)};
        case TopKey::ports:
            return {is_unix(socket.protocol) ? "-" : std::to_string(socket.local.port)};
        case TopKey::processes: {
            if (socket.processes.empty()) return {"-"};
            std::vector<std::string> names;
            for (const auto& p : socket.processes) names.push_back(p.command + "[" + std::to_string(p.pid) + "]");
            return names;
        }
    }
    return {"-"};
}

}  // namespace

Result<TopKey> parse_top_key(const std::string& text) {
    if (text == "peers") return TopKey::peers;
    if (text == "ports") return TopKey::ports;
    if (text == "processes") return TopKey::processes;
    return Error{ExitCode::usage, "--top " + text + ": expected peers, ports or processes"};
}

std::vector<TopRow> top_rows(const std::vector<const Socket*>& sockets, const TopRequest& request) {
    std::map<std::string, size_t> counts;
    for (const auto* socket : sockets) {
        for (const auto& key : keys_of(*socket, request.key)) ++counts[key];
    }
    std::vector<TopRow> rows;
    for (const auto& [key, count] : counts) rows.push_back({key, count});
    std::stable_sort(rows.begin(), rows.end(), [](const TopRow& a, const TopRow& b) { return a.sockets > b.sockets; });
    if (rows.size() > request.limit) rows.resize(request.limit);
    return rows;
}

}  // namespace netlens::sockets
