// The last stage of `netlens sockets`: ss's table (same columns and meanings), the
// detail lines of -e/-i/-m, the -s summary and the --top table for people; a record
// per socket, per summary and per --top row for machines.
#pragma once

#include "core/sink.h"
#include "sockets/present/cgroup_paths.h"
#include "sockets/present/endpoint_names.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/present/socket_extras_text.h"
#include "sockets/socket_collect.h"

namespace netlens::sockets {

struct SocketPresentOptions {
    bool header = true;    // -H turns it off
    ExtrasOptions extras;  // -p -o -e -m -i --tos --cgroup -O
    NameOptions names;     // -n, -r
};

// Which columns the table has besides ss's fixed ones.
struct SocketTableShape {
    bool netns = false;      // several namespaces (--all-netns) or one named (--netns)
    bool netid = false;      // several protocols asked for
    bool state = true;       // more than one state asked for (ss drops the column otherwise)
    const char* section = "sockets";      // JSON key / NDJSON type: -E streams
    const char* record_type = "socket";   // "socket_events" of "socket_event"
};

// The socket table, a row (or record) at a time: opens the section when made.
class SocketTable {
public:
    SocketTable(Sink& sink, const SocketTableShape& shape, const SocketPresentOptions& options);
    // `names` belongs to the socket's namespace (its ephemeral port range).
    void add(const Socket& socket, const InterfaceNamer& namer, EndpointNames& names);

private:
    // Packet and netlink sockets: ss's text after the peer, and its lines under the row.
    void add_kind_extras(const Socket& socket);

    Sink& sink_;
    SocketTableShape shape_;
    SocketPresentOptions options_;
    CgroupPaths cgroups_;
    std::vector<std::string> cells_;  // reused for every row
    std::string detail_;              // reused for every -m/-i line
};

// The table (or with -s the summaries), then the --top table; findings are the
// caller's to finish.
void present_sockets(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options);

}  // namespace netlens::sockets
