// The sock_diag dumps one `sockets` run needs: which protocols and families the flags
// ask for (ss's defaults when none are given), and every socket of those kinds handed
// on one at a time as it is decoded.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "netlink/channel.h"
#include "sockets/diag/diag_query.h"
#include "sockets/model.h"
#include "sockets/socket_collect.h"
#include "source/source.h"

namespace netlens::sockets {

struct Wanted {
    std::vector<Protocol> inet_protocols;
    std::vector<int> families;
    bool unix_sockets = false;
    std::vector<Protocol> unix_types;  // which of the UNIX types to keep (the dump has all)
    bool packet_sockets = false;       // -0, -f link, -A packet*: raw and datagram alike, as ss lists them
    bool netlink_sockets = false;      // -f netlink, -A netlink
    bool several_kinds = false;        // ss's Netid column: more than one table asked for
    std::vector<SocketKind> unread;    // named by the user but not read (see unread_kinds.h)
};

Wanted wanted_by(const SocketsRequest& request);
inline bool needs_netid_column(const Wanted& wanted) { return wanted.several_kinds; }

// The states to ask for: the filter's `state` words, else what the flags select.
uint32_t requested_states(const SocketsRequest& request);

// ss drops the State column when the states asked for (by `state`, -a, -l or each
// protocol's default) are exactly one: `-u` alone lists only ESTAB sockets.
bool needs_state_column(const SocketsRequest& request);

struct DumpPlan {
    Wanted wanted;
    uint32_t state_mask = kAllStates;
    bool tcp_info = false;
    bool memory = false;
    std::vector<uint8_t> bytecode;  // may be empty; lets the kernel drop inet sockets early
    bool tos = false;               // --tos
    bool unix_details = false;      // -e on UNIX sockets
};

// The plan for what `request` asks of the `wanted` tables: its states, details and the
// kernel program compiled from its filter.
DumpPlan dump_plan_for(const SocketsRequest& request, const Wanted& wanted);

// Every socket of the planned kinds, in kernel order per protocol and family. A
// protocol whose dump the kernel refuses (no diag module) is a skipped check, not a
// failure; RAW sockets are then read from /proc/net/raw{,6} through `source`, as ss does.
Result<netlink::Done> dump_wanted(source::Source& source, netlink::Channel& diag, const DumpPlan& plan,
                                  Diagnosis& diagnosis, const std::function<void(Socket&&)>& on_socket);

// How many sockets this namespace holds, from sockstat: a hint for reserving room.
size_t expected_socket_count(source::Source& source);

}  // namespace netlens::sockets
