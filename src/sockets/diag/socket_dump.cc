#include "sockets/diag/socket_dump.h"

#include <sys/socket.h>

#include <algorithm>
#include <bit>
#include <tuple>

#include "proc/sockstat.h"
#include "proc/sysctl.h"
#include "sockets/diag/netlink_diag.h"
#include "sockets/diag/packet_diag.h"
#include "sockets/diag/raw_proc_fallback.h"
#include "sockets/filter/bytecode.h"
#include "sockets/analysis/states.h"
#include "sockets/selection/unread_kinds.h"

namespace netlens::sockets {

namespace {

// A request built without a command line (a library caller): its flags in one order.
SocketSelection legacy_selection(const SocketsRequest& request) {
    std::vector<SelectionStep> steps;
    auto table = [&](bool wanted, SocketKind kind) {
        if (wanted) steps.push_back({.type = SelectionStep::Type::table, .kind = kind});
    };
    auto family = [&](bool wanted, SocketFamily family) {
        if (wanted) steps.push_back({.type = SelectionStep::Type::family, .family = family});
    };
    table(request.tcp, SocketKind::tcp);
    table(request.udp, SocketKind::udp);
    table(request.raw, SocketKind::raw);
    family(request.unix_sockets, SocketFamily::unix);
    family(request.ipv4, SocketFamily::inet);
    family(request.ipv6, SocketFamily::inet6);
    if (request.scope == StateScope::all) steps.push_back({.type = SelectionStep::Type::all});
    if (request.scope == StateScope::listening) steps.push_back({.type = SelectionStep::Type::listening});
    return resolve_selection(steps).value();  // no -A words, nothing to reject
}

}  // namespace

Wanted wanted_by(const SocketsRequest& request) {
    const SocketSelection selection = request.selection.value_or(legacy_selection(request));
    Wanted wanted;
    // ss's order: RAW, UDP, TCP, then MPTCP (after netlink, packet and UNIX, see dump_wanted).
    for (const auto& [kind, protocol] : {std::pair{SocketKind::raw, Protocol::raw}, std::pair{SocketKind::udp, Protocol::udp},
                                        std::pair{SocketKind::tcp, Protocol::tcp},
                                        std::pair{SocketKind::mptcp, Protocol::mptcp}}) {
        if (selection.has(kind)) wanted.inet_protocols.push_back(protocol);
    }
    if (selection.has(SocketFamily::inet)) wanted.families.push_back(AF_INET);
    if (selection.has(SocketFamily::inet6)) wanted.families.push_back(AF_INET6);
    for (const auto& [kind, protocol] : {std::pair{SocketKind::unix_stream, Protocol::unix_stream},
                                        std::pair{SocketKind::unix_dgram, Protocol::unix_dgram},
                                        std::pair{SocketKind::unix_seqpacket, Protocol::unix_seqpacket}}) {
        if (selection.has(kind) && selection.has(SocketFamily::unix)) wanted.unix_types.push_back(protocol);
    }
    wanted.unix_sockets = !wanted.unix_types.empty();
    wanted.packet_sockets = selection.has(SocketFamily::packet) &&
                            (selection.has(SocketKind::packet_raw) || selection.has(SocketKind::packet_dgram));
    wanted.netlink_sockets = selection.has(SocketFamily::netlink) && selection.has(SocketKind::netlink);
    wanted.several_kinds = selection.several_kinds();
    wanted.unread = unread_kinds(selection);
    return wanted;
}

bool needs_state_column(const SocketsRequest& request) {
    // ss drops the column when one state is asked for: `state NAME`, or the selection's
    // states (UDP and RAW alone default to ESTAB; -A, TCP, UNIX and -4/-6 bring every
    // connected state, -0 and netlink CLOSE).
    uint32_t mask = requested_states(request);
    // SYN-RECV is one state to ss, two bits here (see states.cc).
    if (mask & state_bit(TcpState::syn_recv)) mask &= ~state_bit(TcpState::new_syn_recv);
    return std::popcount(mask) > 1;
}

uint32_t requested_states(const SocketsRequest& request) {
    if (request.filter.state_mask) return *request.filter.state_mask;
    return request.selection.value_or(legacy_selection(request)).states;
}

DumpPlan dump_plan_for(const SocketsRequest& request, const Wanted& wanted) {
    // The kernel runs ss's program first and every socket is still checked in user space,
    // as ss does. No program (nullopt) is what ss sends for such a filter, not an error:
    // parse_filter has already refused filters too long to compile.
    DumpPlan plan{wanted, requested_states(request), request.tcp_info, request.memory,
                  compile_inet_bytecode(request.filter).value_or(std::vector<uint8_t>{})};
    plan.tos = request.tos;
    plan.unix_details = request.details;
    return plan;
}

// How many sockets this namespace holds, from /proc/net/sockstat: every socket in use
// plus TCP's TIME-WAIT ones, which are not counted as sockets there. Only a hint.
size_t expected_socket_count(source::Source& source) {
    const auto text = source::read_text(source, "/proc/net/sockstat");
    if (!text) return 0;
    const auto sockstat = proc::parse_sockstat(*text).values;
    const int64_t count = proc::sockstat_value(sockstat, "sockets", "used") + proc::sockstat_value(sockstat, "TCP", "tw");
    return static_cast<size_t>(std::clamp<int64_t>(count, 0, 10'000'000));
}

Result<netlink::Done> dump_wanted(source::Source& source, netlink::Channel& diag, const DumpPlan& plan,
                                  Diagnosis& diagnosis, const std::function<void(Socket&&)>& on_socket) {
    // A dump the kernel refused (its diag module is missing: the dump ends in ENOENT)
    // costs that protocol only; a transport that cannot answer at all, or a request we
    // could not build, ends the command.
    auto refused = [&](const Error& error) { return diag.last_errno() != 0 && error.code != ExitCode::usage; };
    // Netlink, packet and UNIX sockets first, then the inet tables: the order ss prints
    // them in. Netlink and packet sockets have no state; ss lists them as UNCONN.
    const bool unconnected = (plan.state_mask & state_bit(TcpState::close)) != 0;
    const auto named = [&](Socket&& socket) {
        name_netlink_owner(source, socket);
        on_socket(std::move(socket));
    };
    using KindDump = Result<netlink::Done> (*)(netlink::Channel&, const std::function<void(Socket&&)>&, Diagnosis&);
    for (const auto& [wanted, dump, name] : {std::tuple{plan.wanted.netlink_sockets, KindDump{dump_netlink_sockets}, "nl"},
                                             std::tuple{plan.wanted.packet_sockets, KindDump{dump_packet_sockets}, "packet"}}) {
        if (!wanted || !unconnected) continue;
        auto done = dump(diag, named, diagnosis);
        if (!done && !refused(done.error())) return done.error();
        if (!done) diagnosis.skip("socket diag", name, done.error().message);
    }
    if (plan.wanted.unix_sockets) {
        const auto& types = plan.wanted.unix_types;
        DiagRequest request{Protocol::unix_stream, AF_UNIX, plan.state_mask, false, plan.memory, {}};
        request.unix_details = plan.unix_details;
        auto done = dump_sockets(diag, request,
                                 [&](Socket&& socket) {
                                     if (std::find(types.begin(), types.end(), socket.protocol) != types.end()) {
                                         on_socket(std::move(socket));
                                     }
                                 },
                                 diagnosis);
        if (!done && !refused(done.error())) return done.error();
        if (!done) diagnosis.skip("socket diag", "unix", done.error().message);
    }
    for (const Protocol protocol : plan.wanted.inet_protocols) {
        for (const int family : plan.wanted.families) {
            const bool info = plan.tcp_info && (protocol == Protocol::tcp || protocol == Protocol::mptcp);
            DiagRequest request{protocol,  family,      plan.state_mask, info,
                                plan.memory, plan.bytecode};
            request.tos = plan.tos;
            auto done = dump_sockets(diag, request, on_socket, diagnosis);
            if (done) continue;
            if (!refused(done.error())) return done.error();
            // Without raw_diag, ss reads /proc/net/raw{,6}; so do we.
            if (protocol == Protocol::raw) {
                raw_sockets_from_proc(source, family, plan.state_mask, on_socket, diagnosis);
            } else {
                diagnosis.skip("socket diag", protocol_name(protocol), done.error().message);
            }
        }
    }
    report_unread_kinds(diag, plan.wanted.unread, diagnosis);
    return netlink::Done{};
}

}  // namespace netlens::sockets
