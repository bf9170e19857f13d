// Text views of `netlens sockets`: ss's table (same columns and meanings), the detail
// lines of -e/-i/-m, the -s summary, and the --top table.
#pragma once

#include <ostream>

#include "sockets/socket_report.h"

namespace netlens::sockets {

struct SocketTextOptions {
    bool color = false;
    bool header = true;    // -H turns it off
    bool extended = false; // -e
    bool tcp_info = false; // -i
    bool memory = false;   // -m
};

void print_sockets_text(std::ostream& out, const SocketsReport& report, const SocketTextOptions& options);

}  // namespace netlens::sockets
