// netlens sockets [-tuxwlanroepimsO46HZz] [--tos] [--cgroup] [--top KEY [N]] [FILTER]
// ss over sock_diag: the same flags and columns, JSON, all namespaces, fast -p, and
// findings from the socket table with -s.
#include <unistd.h>

#include "cli/commands.h"
#include "cli/common_flags.h"
#include "core/decimal.h"
#include "sockets/socket_collect.h"
#include "sockets/present/socket_present.h"
#include "sockets/socket_stream.h"

namespace netlens::cli {

namespace {

struct SocketsFlags {
    CommonFlags common;
    bool tcp = false, udp = false, unix_sockets = false, raw = false;
    bool listening = false, all = false;
    bool processes = false, extended = false, tcp_info = false, memory = false, summary = false;
    bool ipv4 = false, ipv6 = false, no_header = false, numeric = false;
    bool resolve = false, timers = false, oneline = false, tos = false, cgroup = false;
    bool selinux_contexts = false;  // -Z / -z
    std::vector<std::string> top;      // KEY [N]
    std::vector<std::string> filter;   // everything after the flags
};

// How many rows --top may be asked for.
constexpr uint64_t kMaxTopRows = 999999;

sockets::SocketsRequest request_from(SocketsFlags flags) {
    sockets::SocketsRequest request;
    request.tcp = flags.tcp;
    request.udp = flags.udp;
    request.raw = flags.raw;
    request.unix_sockets = flags.unix_sockets;
    request.ipv4 = flags.ipv4;
    request.ipv6 = flags.ipv6;
    request.scope = flags.all         ? sockets::StateScope::all
                    : flags.listening ? sockets::StateScope::listening
                                      : sockets::StateScope::connected;
    request.tcp_info = flags.tcp_info;
    request.memory = flags.memory;
    request.processes = flags.processes;
    request.summary = flags.summary;
    request.service_names = !flags.numeric;
    request.tos = flags.tos;
    request.details = flags.extended;
    if (!flags.top.empty()) {
        // `--top peers state established`: the option took one filter word too many.
        if (flags.top.size() == 2 && !parse_decimal(flags.top[1], kMaxTopRows)) {
            flags.filter.insert(flags.filter.begin(), flags.top[1]);
            flags.top.pop_back();
        }
        auto key = sockets::parse_top_key(flags.top[0]);
        if (!key) throw FatalError(key.error());
        request.top = sockets::TopRequest{*key, flags.top.size() == 2 ? *parse_decimal(flags.top[1], kMaxTopRows) : 10};
    }
    auto filter = sockets::parse_filter(flags.filter);
    if (!filter) throw FatalError(filter.error());
    request.filter = std::move(*filter);
    return request;
}

sockets::SocketPresentOptions present_options(const SocketsFlags& flags) {
    sockets::SocketPresentOptions present;
    present.header = !flags.no_header;
    present.extras = {.processes = flags.processes,
                      .timers = flags.timers || flags.extended,  // ss's -e shows timers too
                      .extended = flags.extended,
                      .memory = flags.memory,
                      .tcp_info = flags.tcp_info,
                      .tos = flags.tos,
                      .cgroup = flags.cgroup,
                      .oneline = flags.oneline,
                      .numeric = flags.numeric};
    present.names = {.services = !flags.numeric, .hosts = flags.resolve};
    return present;
}

// SELinux contexts exist only where SELinux runs (selinuxfs mounted); ss refuses -Z/-z
// otherwise, and so do we.
void require_selinux() {
    if (access("/sys/fs/selinux/enforce", F_OK) != 0) {
        throw FatalError(Error{ExitCode::failure, "sockets -Z/-z: SELinux is not enabled"});
    }
    throw FatalError(Error{ExitCode::failure, "sockets -Z/-z: SELinux contexts are not read yet"});
}

ExitCode run_sockets(SocketsFlags flags) {
    if (flags.selinux_contexts) require_selinux();
    auto request = request_from(flags);
    const sockets::SocketPresentOptions present = present_options(flags);
    // -H: rows only on standard output; findings and notes go to standard error.
    flags.common.notes_to_stderr = flags.no_header;
    return run_stages(flags.common, "sockets",
                      [&](const RunContext& context, Sink& sink, Diagnosis& diagnosis) -> std::optional<Error> {
        request.targets = context.targets;
        if (sockets::can_stream(request)) {
            return sockets::stream_sockets(request, context.session, present, sink, diagnosis);
        }
        auto report = sockets::collect_sockets(request, context.session);
        if (!report) return report.error();
        sockets::present_sockets(sink, *report, present);
        diagnosis.append(std::move(report->diagnosis));
        return std::nullopt;
    });
}

}  // namespace

void setup_sockets(CLI::App& app, RunState& state) {
    auto flags = std::make_shared<SocketsFlags>();
    app.add_flag("-t,--tcp", flags->tcp, "TCP sockets");
    app.add_flag("-u,--udp", flags->udp, "UDP sockets");
    app.add_flag("-x,--unix", flags->unix_sockets, "UNIX domain sockets");
    app.add_flag("-w,--raw", flags->raw, "RAW sockets");
    app.add_flag("-l,--listening", flags->listening, "Listening sockets only (LISTEN, and UNCONN for UDP)");
    app.add_flag("-a,--all", flags->all, "Sockets in every state");
    app.add_flag("-p,--processes", flags->processes, "Show the processes holding each socket");
    app.add_flag("-e,--extended", flags->extended,
                 "Show uid, inode, socket cookie, cgroup, shutdown state (and timers, as ss does)");
    app.add_flag("-o,--options", flags->timers, "Show timers: timer:(NAME,EXPIRES,RETRANSMITS)");
    app.add_flag("-i,--info", flags->tcp_info, "Show TCP internals: rtt, cwnd, retransmissions, rates, limits");
    app.add_flag("-m,--memory", flags->memory, "Show socket memory (skmem)");
    app.add_flag("-s,--summary", flags->summary,
                 "Summary of every socket plus findings: CLOSE-WAIT leaks, SYN piles, full accept queues, "
                 "orphans, ephemeral port exhaustion");
    auto* v4 = app.add_flag("-4,--ipv4", flags->ipv4, "IPv4 sockets only");
    auto* v6 = app.add_flag("-6,--ipv6", flags->ipv6, "IPv6 sockets only");
    v4->excludes(v6);
    app.add_flag("-H,--no-header", flags->no_header, "Do not print the header line");
    app.add_flag("-n,--numeric", flags->numeric, "Do not resolve service names (ports stay numbers)");
    app.add_flag("-r,--resolve", flags->resolve, "Resolve host names (reverse lookup of each address)");
    app.add_flag("-O,--oneline", flags->oneline, "Print each socket's -m/-i details on its own row");
    app.add_flag("--tos", flags->tos, "Show TOS, traffic class and class id / priority");
    app.add_flag("--cgroup", flags->cgroup, "Show the cgroup (v2) of each socket");
    app.add_flag("-Z,--context,-z,--contexts", flags->selinux_contexts, "Show SELinux contexts (needs SELinux)");
    app.add_option("--top", flags->top, "Count sockets by KEY (peers, ports or processes), busiest N first (10)")
        ->expected(1, 2)
        ->type_name("KEY [N]");
    app.add_option("FILTER", flags->filter,
                   "ss filter: [state NAME] [exclude NAME] [EXPRESSION], e.g. state established "
                   "'( dport = :443 or sport = :443 )'");
    add_output_flags(app, flags->common);
    add_netns_flags(app, flags->common);
    app.callback([flags, &state] { state.exit_code = run_sockets(*flags); });
}

}  // namespace netlens::cli
