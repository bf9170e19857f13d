#include "sockets/socket_stream.h"

#include <linux/netlink.h>

#include <functional>
#include <map>
#include <memory>

#include "netlink/read_ahead_transport.h"
#include "source/namespace_visits.h"
#include "sockets/filter/match_context.h"
#include "sockets/interface_names.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/diag/socket_destroy.h"
#include "sockets/diag/socket_dump.h"
#include "sockets/owners/background_owner_scan.h"

namespace netlens::sockets {

bool can_stream(const SocketsRequest& request) {
    // -p over listeners (-l): the table is a handful of rows, so collecting it costs
    // nothing and lets the /proc scan match only those inodes, without reading the names
    // of every process that holds a connection.
    const bool few_owners_wanted = request.processes && request.scope == StateScope::listening;
    return !request.summary && !request.top && !few_owners_wanted;
}

namespace {

// -p: who holds each socket, for every socket any process holds (the dump has not said
// which are wanted yet). ss reads them all before the dump; here the walk runs on its own
// threads while the first dump answer is read ahead, and the first row waits for it. One
// /proc walk serves all namespaces: socket inodes are unique host-wide.
std::unique_ptr<BackgroundOwnerScan> start_owner_scan(const SocketsRequest& request, const source::Session& session,
                                                      Diagnosis& diagnosis) {
    if (!request.processes) return nullptr;
    if (session.replaying()) {
        skip_attribution_in_replay(diagnosis);
        return nullptr;
    }
    return std::make_unique<BackgroundOwnerScan>("/proc", OwnerScanOptions{.per_thread = request.threads});
}

// The sock_diag channel. A live one reads each answer ahead on a thread of its own, so
// the kernel's dump and our rows are made at the same time; with an owner scan under way,
// the first row also waits for the scan.
Result<netlink::Channel> open_diag_channel(source::Source& source, const source::Session& session,
                                           BackgroundOwnerScan* owner_scan) {
    auto transport = source.open_netlink(NETLINK_SOCK_DIAG);
    if (!transport) return transport.error();
    if (session.replaying()) return netlink::Channel(std::move(*transport));
    std::function<void()> wait_for_owners;
    if (owner_scan != nullptr) wait_for_owners = [owner_scan] { owner_scan->result(); };
    return netlink::Channel(
        std::make_unique<netlink::ReadAheadTransport>(std::move(*transport), std::move(wait_for_owners)));
}

}  // namespace

std::optional<Error> stream_sockets(const SocketsRequest& request, const source::Session& session,
                                    const SocketPresentOptions& options, Sink& sink, Diagnosis& diagnosis) {
    const Wanted wanted = wanted_by(request);
    const SocketTableShape shape{
        .netns = !request.targets.empty(), .netid = needs_netid_column(wanted), .state = needs_state_column(request)};
    const DumpPlan plan = dump_plan_for(request, wanted);
    const std::unique_ptr<BackgroundOwnerScan> owner_scan = start_owner_scan(request, session, diagnosis);
    auto done = source::run_in_namespaces(
        session, request.targets, sink, diagnosis,
        [&](source::Source& source, Sink& out, Diagnosis& own) -> std::optional<Error> {
            auto diag = open_diag_channel(source, session, owner_scan.get());
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
                if (owner_scan) {
                    const auto holders = owner_scan->result().owners.holders(socket.inode);
                    socket.processes.assign(holders.begin(), holders.end());
                }
                table.add(socket, namer, names);
            });
            if (!done) return done.error();
            return killer->finish(own);
        });
    if (owner_scan && !done) note_scan_gaps(owner_scan->result(), diagnosis);
    return done;
}

}  // namespace netlens::sockets
