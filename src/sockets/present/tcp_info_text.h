// ss -i's text for a TCP socket's tcp_info, field for field in ss's order and words
// (iproute2 6.1 tcp_stats_print): " cubic wscale:7,7 rto:204 rtt:0.05/0.025 ...". As in
// ss a field the kernel left at zero is not printed, so a listener shows only what it
// has; the TCP options (ts, sack, ecn, ...) are shown only with -o or -e.
#pragma once

#include <string>

#include "sockets/model.h"

namespace netlens::sockets {

struct TcpInfoTextOptions {
    bool tcp_options = false;  // -o / -e: ts sack ecn ecnseen fastopen
    bool numeric = false;      // -n: rates as plain numbers, not "1.2Mbps"
};

// Appends the fields, each with its leading space.
void append_tcp_info_text(std::string& out, const TcpInfo& info, TcpState state, const TcpInfoTextOptions& options);

// A rate in bits per second as ss writes it: "%.3g" with k/M/G/T, or "%.0f" with -n.
std::string rate_text(double bits_per_second, bool numeric);

}  // namespace netlens::sockets
