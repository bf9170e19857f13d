// netlens sockets [-tuxwlanpeims46H] [--top KEY [N]] [FILTER]
// ss over sock_diag: the same flags and columns, JSON, all namespaces, fast -p, and
// findings from the socket table with -s.
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
    std::vector<std::string> top;      // KEY [N]
    std::vector<std::string> filter;   // everything after the flags
};

// How many rows --top may be asked for.
constexpr uint64_t kMaxTopRows = 999999;

// How ss reads filter values under these flags: -x makes HOSTs UNIX globs, -4/-6 fix
// the family (ss lets the last of them win; here -4/-6 win over -x), and service
// names are looked up for TCP and UDP when those are shown.
sockets::FilterContext filter_context(const SocketsFlags& flags) {
    sockets::FilterContext context;
    context.preferred_family = flags.ipv4 ? AF_INET : flags.ipv6 ? AF_INET6 : flags.unix_sockets ? AF_UNIX : AF_UNSPEC;
    const bool every_inet = !flags.tcp && !flags.udp && !flags.raw && (!flags.unix_sockets || flags.ipv4 || flags.ipv6);
    context.tcp = flags.tcp || every_inet;
    context.udp = flags.udp || every_inet;
    return context;
}

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
    auto filter = sockets::parse_filter(flags.filter, filter_context(flags));
    if (!filter) throw FatalError(filter.error());
    request.filter = std::move(*filter);
    return request;
}

ExitCode run_sockets(const SocketsFlags& flags) {
    auto request = request_from(flags);
    const sockets::SocketPresentOptions present{!flags.no_header, flags.extended, flags.tcp_info, flags.memory};
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
    app.add_flag("-e,--extended", flags->extended, "Show uid, inode and socket cookie");
    app.add_flag("-i,--info", flags->tcp_info, "Show TCP internals: rtt, cwnd, retransmissions, rates, limits");
    app.add_flag("-m,--memory", flags->memory, "Show socket memory (skmem)");
    app.add_flag("-s,--summary", flags->summary,
                 "Summary of every socket plus findings: CLOSE-WAIT leaks, SYN piles, full accept queues, "
                 "orphans, ephemeral port exhaustion");
    auto* v4 = app.add_flag("-4,--ipv4", flags->ipv4, "IPv4 sockets only");
    auto* v6 = app.add_flag("-6,--ipv6", flags->ipv6, "IPv6 sockets only");
    v4->excludes(v6);
    app.add_flag("-H,--no-header", flags->no_header, "Do not print the header line");
    // ss's -n: names are never resolved yet, so numbers are what every run prints.
    app.add_flag("-n,--numeric", flags->numeric, "Numeric addresses and ports (always the case today)");
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
