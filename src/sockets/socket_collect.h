// `netlens sockets`, reading and analysis: which sockets to ask the kernel for
// (protocols, families, states, filter), the details to add (-i, -m, -p), the summary
// and advice (-s) and the --top tables, for one or more namespaces.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/netns.h"
#include "sockets/filter/filter.h"
#include "sockets/analysis/kernel_limits.h"
#include "sockets/model.h"
#include "sockets/analysis/states.h"
#include "sockets/analysis/summary.h"
#include "sockets/analysis/top.h"
#include "sockets/selection/socket_selection.h"
#include "source/session.h"

namespace netlens::sockets {

struct SocketsRequest {
    bool tcp = false;
    bool udp = false;
    bool raw = false;
    bool unix_sockets = false;  // with none of the four: all of them, as ss does
    bool ipv4 = false;          // -4 / -6; with neither: both (and UNIX)
    bool ipv6 = false;
    StateScope scope = StateScope::connected;
    // The tables, families and states the command line selects, in ss's rules; when
    // absent the fields above are read as ss reads -t -u -w -x -4 -6 -l -a.
    std::optional<SocketSelection> selection;
    bool kill = false;          // -K: close every matching socket, show what was closed
    Filter filter;
    bool tcp_info = false;      // -i
    bool memory = false;        // -m
    bool processes = false;     // -p (and -T)
    bool threads = false;       // -T: a holder per thread, with its tid
    bool summary = false;       // -s: summary and findings before the table, if any
    // The socket table; ss leaves it out after -s unless a table or family flag or a
    // filter word is given.
    bool table = true;
    bool service_names = false; // without -n: the namespace's ephemeral port range is read
    bool tos = false;           // --tos
    bool details = false;       // -e (UNIX sockets: file and pending peers)
    std::optional<TopRequest> top;
    std::vector<NetnsTarget> targets;
};

struct SocketsView {
    std::string netns;
    std::vector<Socket> sockets;  // what passed the filter, in kernel order per protocol
    std::optional<Summary> summary;
    std::vector<Socket> counted;  // -s: every socket, whatever the filter, for the advice
    std::map<uint32_t, std::string> interface_names;  // for "%dev" scopes
    std::optional<proc::PortRange> ephemeral_ports;   // ports never given service names
};

struct SocketsReport {
    std::vector<SocketsView> views;
    std::vector<TopRow> top;  // across all views
    Diagnosis diagnosis;
    bool summary = false;
    bool table = true;
    bool processes = false;
    bool several_protocols = false;  // print the Netid column
    bool state_column = true;        // more than one state asked for
    bool labelled = false;           // rows carry a namespace label (--netns, --all-netns)
};

Result<SocketsReport> collect_sockets(const SocketsRequest& request, const source::Session& session);

// The namespace's ip_local_port_range, read when service names are wanted.
std::optional<proc::PortRange> read_ephemeral_ports(const SocketsRequest& request, source::Source& source);

// The note a replayed run gives instead of owners (-p, -s): there is no /proc to walk.
void skip_attribution_in_replay(Diagnosis& diagnosis);

// Name of an interface index in a view ("" when unknown).
std::string interface_name(const SocketsView& view, uint32_t ifindex);

}  // namespace netlens::sockets
