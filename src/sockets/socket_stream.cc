#include "sockets/socket_stream.h"

#include <linux/netlink.h>

#include <map>

#include "source/namespace_visits.h"
#include "sockets/filter/match_context.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/diag/socket_destroy.h"
#include "sockets/diag/socket_dump.h"

namespace netlens::sockets {

bool can_stream(const SocketsRequest& request) { return !request.processes && !request.summary && !request.top; }

std::optional<Error> stream_sockets(const SocketsRequest& request, const source::Session& session,
                                    const SocketPresentOptions& options, Sink& sink, Diagnosis& diagnosis) {
    const Wanted wanted = wanted_by(request);
    const SocketTableShape shape{
        .netns = !request.targets.empty(), .netid = needs_netid_column(wanted), .state = needs_state_column(request)};
    const DumpPlan plan = dump_plan_for(request, wanted);
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
            const InterfaceNamer namer = caching_interface_namer();
            EndpointNames names(options.names, read_ephemeral_ports(request, source));
            auto done = dump_wanted(source, *diag, plan, own, [&](Socket&& socket) {
                if (!request.filter.matches(socket, *match) || !killer->passes(socket)) return;
                socket.netns = source.netns();
                table.add(socket, namer, names);
            });
            if (!done) return done.error();
            return killer->finish(own);
        });
}

}  // namespace netlens::sockets
