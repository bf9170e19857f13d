// The last stage of `netlens sockets`: ss's table (same columns and meanings), the
// detail lines of -e/-i/-m, the -s summary and the --top table for people; a record
// per socket, per summary and per --top row for machines.
#pragma once

#include "core/sink.h"
#include "sockets/socket_collect.h"

namespace netlens::sockets {

struct SocketPresentOptions {
    bool header = true;    // -H turns it off
    bool extended = false; // -e
    bool tcp_info = false; // -i
    bool memory = false;   // -m
};

// The table (or with -s the summaries), then the --top table; findings are the
// caller's to finish.
void present_sockets(Sink& sink, const SocketsReport& report, const SocketPresentOptions& options);

}  // namespace netlens::sockets
