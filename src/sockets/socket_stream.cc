#include "sockets/socket_stream.h"

#include <linux/netlink.h>

#include <map>

#include "source/namespace_visits.h"
#include "sockets/filter/match_context.h"
#include "sockets/interface_names.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/diag/socket_destroy.h"
#include "sockets/diag/socket_dump.h"
#include "sockets/owners/process_owners.h"

namespace netlens::sockets {

bool can_stream(const SocketsRequest& request) {
    // -p over listeners (-l): the table is a handful of rows, so collecting it costs
    // nothing and lets the /proc scan match only those inodes, without reading the names
    // of every process that holds a connection.
    const bool few_owners_wanted = request.processes && request.scope == StateScope::listening;
    return !request.summary && !request.top && !few_owners_wanted;
}

namespace {

// -p: who holds each socket, read before the dump as ss reads it, for every socket any
// process holds (the dump has not said which are wanted yet). One /proc walk serves all
// namespaces: socket inodes are unique host-wide.
OwnerIndex read_owners(const SocketsRequest& request, const source::Session& session, Diagnosis& diagnosis) {
    if (!request.processes) return {};
    if (session.replaying()) {
        skip_attribution_in_replay(diagnosis);
        return {};
    }
    OwnerScan scan = find_all_socket_owners("/proc", {.per_thread = request.threads});
    note_scan_gaps(scan, diagnosis);
    return std::move(scan.owners);
}

}  // namespace

std::optional<Error> stream_sockets(const SocketsRequest& request, const source::Session& session,
                                    const SocketPresentOptions& options, Sink& sink, Diagnosis& diagnosis) {
    const Wanted wanted = wanted_by(request);
    const SocketTableShape shape{
        .netns = !request.targets.empty(), .netid = needs_netid_column(wanted), .state = needs_state_column(request)};
    const DumpPlan plan = dump_plan_for(request, wanted);
    const OwnerIndex owners = read_owners(request, session, diagnosis);
    return source::run_in_namespaces(
        session, request.targets, sink, diagnosis,
        [&](source::Source& source, Sink& out, Diagnosis& own) -> std::optional<Error> {
            auto diag = source::open_channel(source, NETLINK_SOCK_DIAG);
            if (!diag) return diag.error();
            auto killer = SocketKiller::open(source, request.kill);
            if (!killer) return killer.error();
            // Before the table, whose header an error must not follow.
            auto match = match_context_for(request.filter, source);
            if (!match) return match.error();
            SocketTable table(out, shape, options);
            const InterfaceNamer namer = source_interface_namer(source);
            EndpointNames names(options.names, read_ephemeral_ports(request, source));
            auto done = dump_wanted(source, *diag, plan, own, [&](Socket&& socket) {
                if (!request.filter.matches(socket, *match) || !killer->passes(socket)) return;
                socket.netns = source.netns();
                if (!owners.empty()) {
                    const auto holders = owners.holders(socket.inode);
                    socket.processes.assign(holders.begin(), holders.end());
                }
                table.add(socket, namer, names);
            });
            if (!done) return done.error();
            return killer->finish(own);
        });
}

}  // namespace netlens::sockets
