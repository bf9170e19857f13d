// --top peers|ports|processes [N]: the `awk | sort | uniq -c | sort -rn | head`
// pipelines people bolt onto ss, built in.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "sockets/model.h"

namespace netlens::sockets {

enum class TopKey {
    peers,      // peer address
    ports,      // local port (which of our services are busy)
    processes,  // owning process (needs -p)
};

struct TopRequest {
    TopKey key = TopKey::peers;
    size_t limit = 10;
};

struct TopRow {
    std::string key;  // "10.0.0.5", "443", "nginx[412]"
    size_t sockets = 0;
};

// "peers", "ports" or "processes"; a usage error names anything else.
Result<TopKey> parse_top_key(const std::string& text);

// Busiest first; ties by key so the order is stable. Sockets without the key (a UNIX
// socket has no peer address, a socket without known owner) count under "-".
std::vector<TopRow> top_rows(const std::vector<const Socket*>& sockets, const TopRequest& request);

}  // namespace netlens::sockets
