#include "sockets/socket_collect.h"

#include <linux/netlink.h>
#include <net/if.h>
#include <sys/socket.h>

#include <algorithm>
#include <unordered_set>

#include "source/namespace_visits.h"
#include "proc/sockstat.h"
#include "proc/sysctl.h"
#include "sockets/filter/match_context.h"
#include "sockets/interface_names.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/diag/socket_destroy.h"
#include "sockets/diag/socket_dump.h"
#include "sockets/owners/process_owners.h"
#include "sockets/analysis/state_advice.h"

namespace netlens::sockets {

namespace {

// Every socket of the wanted kinds in `state_mask` that `keep` accepts, collected.
Result<std::vector<Socket>> collect_wanted(source::Source& source, netlink::Channel& diag, const DumpPlan& plan,
                                           const std::function<bool(const Socket&)>& keep, Diagnosis& diagnosis) {
    // Room for every socket the namespace holds, reserved up front: pages that are never
    // written are never faulted in, while growing the vector would move each of 100 k
    // records again and again.
    std::vector<Socket> sockets;
    sockets.reserve(expected_socket_count(source));
    auto done = dump_wanted(source, diag, plan, diagnosis, [&](Socket&& socket) {
        if (keep(socket)) sockets.push_back(std::move(socket));
    });
    if (!done) return done.error();
    return sockets;
}

// Names for the interfaces the sockets are bound to, read only when some socket is.
InterfaceNames scope_names(const std::vector<Socket>& sockets, source::Source& source) {
    const bool bound = std::any_of(sockets.begin(), sockets.end(),
                                   [](const Socket& socket) { return socket.local.scope_ifindex != 0; });
    return bound ? read_interface_names(source) : InterfaceNames{};
}

// ss -s's "estab": Tcp CurrEstab from /proc/net/snmp.
int64_t read_curr_estab(source::Source& source, Diagnosis& diagnosis) {
    const auto text = source::read_text(source, "/proc/net/snmp");
    const auto value = text ? proc::snmp_value(*text, "Tcp", "CurrEstab") : std::nullopt;
    if (!value) diagnosis.damaged("snmp", text ? "/proc/net/snmp: no Tcp CurrEstab" : "/proc/net/snmp: cannot read");
    return value.value_or(0);
}

// Sockets whose owners the advice names: the piles and the listeners.
bool advice_wants_owner(const Socket& socket) {
    return socket.protocol == Protocol::tcp &&
           (socket.state == TcpState::close_wait || socket.state == TcpState::syn_sent ||
            socket.state == TcpState::listen);
}

Result<SocketsView> collect_here(const SocketsRequest& request, source::Source& source, Diagnosis& diagnosis) {
    // The counters ss -s prints are read before our own sock_diag socket exists, as ss
    // reads them, so "Total" does not count it.
    std::optional<KernelLimits> limits;
    int64_t curr_estab = 0;
    if (request.summary) {
        limits = read_kernel_limits(source, diagnosis);
        curr_estab = read_curr_estab(source, diagnosis);
    }
    auto diag = source::open_channel(source, NETLINK_SOCK_DIAG);
    if (!diag) return diag.error();
    const Wanted wanted = wanted_by(request);

    SocketsView view;
    if (request.summary) {
        // ss -s counts everything, whatever the filter says; advice needs every state.
        Wanted everything = wanted;
        everything.inet_protocols = {Protocol::tcp, Protocol::udp, Protocol::raw};
        everything.families = {AF_INET, AF_INET6};
        everything.unix_sockets = true;
        everything.unix_types = {Protocol::unix_stream, Protocol::unix_dgram, Protocol::unix_seqpacket};
        everything.packet_sockets = everything.netlink_sockets = false;  // ss -s does not count them
        auto all = collect_wanted(source, *diag, {everything, kAllStates, false, false, {}},
                                  [](const Socket&) { return true; }, diagnosis);
        if (!all) return all.error();
        view.summary = summarize(*all, std::move(*limits), curr_estab);
        view.counted = std::move(*all);
        if (!request.table) return view;
    }
    const DumpPlan plan = dump_plan_for(request, wanted);
    auto match = match_context_for(request.filter, source);
    if (!match) return match.error();
    auto killer = SocketKiller::open(source, request.kill);
    if (!killer) return killer.error();
    auto sockets = collect_wanted(
        source, *diag, plan,
        [&](const Socket& socket) { return request.filter.matches(socket, *match) && killer->passes(socket); },
        diagnosis);
    if (!sockets) return sockets.error();
    if (auto error = killer->finish(diagnosis)) return *error;
    view.sockets = std::move(*sockets);
    view.interface_names = scope_names(view.sockets, source);
    view.ephemeral_ports = read_ephemeral_ports(request, source);
    return view;
}

// One /proc walk for all namespaces: socket inodes are unique host-wide. Owners go to
// the listed sockets when -p asks for them, and to the ones the -s advice names.
void attribute_processes(std::vector<SocketsView>& views, bool listed, bool per_thread, Diagnosis& diagnosis) {
    std::unordered_set<uint64_t> wanted;
    for (const auto& view : views) {
        for (const auto& socket : view.counted) {
            if (socket.inode != 0 && advice_wants_owner(socket)) wanted.insert(socket.inode);
        }
        if (!listed) continue;
        for (const auto& socket : view.sockets) {
            if (socket.inode != 0) wanted.insert(socket.inode);
        }
    }
    if (wanted.empty()) return;
    const OwnerScan scan = find_socket_owners(wanted, "/proc", {.per_thread = per_thread});
    note_scan_gaps(scan, diagnosis);
    for (auto& view : views) {
        for (auto* sockets : {&view.counted, &view.sockets}) {
            for (auto& socket : *sockets) {
                const auto holders = scan.owners.holders(socket.inode);
                socket.processes.assign(holders.begin(), holders.end());
            }
        }
    }
}

}  // namespace

Result<SocketsReport> collect_sockets(const SocketsRequest& request, const source::Session& session) {
    SocketsReport report;
    report.summary = request.summary;
    report.table = request.table;
    report.labelled = !request.targets.empty();
    report.processes = request.processes || (request.top && request.top->key == TopKey::processes);
    const Wanted wanted = wanted_by(request);
    report.several_protocols = needs_netid_column(wanted);
    report.state_column = needs_state_column(request);

    auto views = source::collect_in_namespaces<SocketsView>(
        session, request.targets,
        [&](source::Source& source, Diagnosis& diagnosis) { return collect_here(request, source, diagnosis); },
        report.diagnosis);
    if (!views) return views.error();
    for (auto& [netns, view] : *views) {
        view.netns = netns;
        for (auto* sockets : {&view.counted, &view.sockets}) {
            for (auto& socket : *sockets) socket.netns = netns;
        }
        report.views.push_back(std::move(view));
    }
    if (session.replaying() && (report.processes || request.summary)) {
        skip_attribution_in_replay(report.diagnosis);
    } else if (report.processes || request.summary) {
        attribute_processes(report.views, report.processes, request.threads, report.diagnosis);
    }
    if (request.summary) {
        for (const auto& view : report.views) {
            advise_on_states(view.counted, view.summary->limits, {}, view.netns, report.diagnosis);
        }
    }
    if (request.top) {
        std::vector<const Socket*> all;
        for (const auto& view : report.views) {
            // -s alone lists no table: --top then counts every socket, as -s does.
            for (const auto& socket : request.table ? view.sockets : view.counted) all.push_back(&socket);
        }
        report.top = top_rows(all, *request.top);
    }
    return report;
}

std::optional<proc::PortRange> read_ephemeral_ports(const SocketsRequest& request, source::Source& source) {
    if (!request.service_names) return std::nullopt;
    const auto text = source::read_text(source, "/proc/sys/net/ipv4/ip_local_port_range");
    return text ? proc::parse_port_range(*text) : std::nullopt;
}

void skip_attribution_in_replay(Diagnosis& diagnosis) {
    // Owners come from walking this host's /proc, which a recording does not hold.
    diagnosis.skip("process attribution", "a replayed run has no processes to attribute sockets to");
}

std::string interface_name(const SocketsView& view, uint32_t ifindex) {
    return interface_text(view.interface_names, ifindex);
}

}  // namespace netlens::sockets
