// netlens sockets [-tuxwlanroepimsbO46HZz0KE] [-f FAMILY] [-A QUERY] [-N NS] [-F FILE] [--tos] [--cgroup]
//                 [--top KEY [N]] [FILTER]
// ss over sock_diag: the same flags and columns, JSON, all namespaces, fast -p, and
// findings from the socket table with -s.
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_flags.h"
#include "cli/socket_selection_flags.h"
#include "core/decimal.h"
#include "proc/file_text.h"
#include "sockets/events/socket_events.h"
#include "sockets/filter/match_context.h"
#include "source/namespace_visits.h"
#include "sockets/socket_collect.h"
#include "sockets/present/socket_present.h"
#include "sockets/socket_stream.h"

namespace netlens::cli {

namespace {

struct SocketsFlags {
    CommonFlags common;
    bool tcp = false, udp = false, unix_sockets = false, raw = false;
    bool listening = false, all = false;
    bool processes = false, threads = false, extended = false, tcp_info = false, memory = false, summary = false;
    bool ipv4 = false, ipv6 = false, no_header = false, numeric = false;
    bool resolve = false, timers = false, oneline = false, tos = false, cgroup = false;
    bool selinux_contexts = false;  // -Z / -z
    bool bpf = false;               // -b
    bool tipc_info = false;         // --tipcinfo: details of TIPC sockets, which are not read
    bool inet_sockopt = false;      // --inet-sockopt
    std::vector<std::string> top;      // KEY [N]
    std::vector<std::string> filter;   // everything after the flags
    SelectionFlags selection;          // -f -A -0 -M -S -d --vsock --tipc --xdp
    bool kill = false, events = false;
    std::string filter_file;           // -F: more filter words, "-" for standard input
    std::string diag_dump;             // -D: ss's raw dump, answered with --record
};

// How many rows --top may be asked for.
constexpr uint64_t kMaxTopRows = 999999;

// How ss reads filter values under these flags: the last family flag (ss's
// preferred_family) makes HOSTs UNIX globs (-x, -f unix) or fixes the address family
// (-4, -6, -f inet, -f inet6), and service names are looked up for TCP and UDP when
// those are shown. `dev` names are looked up where the sockets are read.
sockets::FilterContext filter_context(const SocketsFlags& flags, const sockets::SocketSelection& selection) {
    sockets::FilterContext context;
    using sockets::SocketFamily;
    switch (selection.last_family.value_or(SocketFamily::count)) {
        case SocketFamily::inet: context.preferred_family = AF_INET; break;
        case SocketFamily::inet6: context.preferred_family = AF_INET6; break;
        case SocketFamily::unix: context.preferred_family = AF_UNIX; break;
        default: break;
    }
    context.devices_elsewhere = !flags.common.netns.empty() || flags.common.all_netns ||
                                !flags.common.source.replay_file.empty();
    context.devices_somewhere = flags.common.all_netns;
    const bool every_inet = !flags.tcp && !flags.udp && !flags.raw && (!flags.unix_sockets || flags.ipv4 || flags.ipv6);
    context.tcp = flags.tcp || every_inet;
    context.udp = flags.udp || every_inet;
    return context;
}

// -F FILE: the filter continues in the file, after any words on the command line (as
// ss reads it); "-" is standard input. Each line is one more argument for the filter
// lexer, which splits it as ss does; like ss, lines starting with '#' (or '0') are
// skipped.
std::vector<std::string> filter_file_lines(const std::string& path) {
    std::string text;
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        auto read = proc::read_file_text(path);
        if (read.err != 0) throw FatalError(ExitCode::usage, "-F " + path + ": " + errno_text(read.err));
        text = std::move(read.text);
    }
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        if (!line.empty() && (line.front() == '#' || line.front() == '0')) continue;
        lines.push_back(std::move(line));
    }
    return lines;
}

// Combinations that have no meaning, refused before anything is read or closed.
void check_combinations(const SocketsFlags& flags) {
    if (!flags.diag_dump.empty()) {
        throw FatalError(ExitCode::usage, "-D " + flags.diag_dump +
                                              ": use --record FILE instead; it saves every sock_diag reply of the run "
                                              "(all protocols, not only TCP) and --replay FILE shows them again");
    }
    if (flags.kill && (flags.summary || !flags.top.empty())) {
        throw FatalError(ExitCode::usage, "-K closes the sockets it lists; it cannot be combined with -s or --top");
    }
    if (flags.events && (flags.kill || flags.summary || flags.processes || flags.threads || !flags.top.empty())) {
        throw FatalError(ExitCode::usage,
                         "-E streams destroyed sockets; it cannot be combined with -K, -s, -p, -T or --top");
    }
    if (flags.events && (flags.common.all_netns || !flags.common.source.record_file.empty() ||
                         !flags.common.source.replay_file.empty())) {
        throw FatalError(ExitCode::usage, "-E follows one live namespace; --all-netns, --record and --replay do not apply");
    }
}

// The words CLI11 did not take as flags: the filter. A word that looks like a flag is a
// mistyped one, never a filter word (no ss filter word starts with '-').
std::vector<std::string> filter_words(std::vector<std::string> words) {
    for (const auto& word : words) {
        if (word.size() > 1 && word[0] == '-') throw FatalError(ExitCode::usage, "unknown flag '" + word + "'");
    }
    return words;
}

sockets::SocketsRequest request_from(SocketsFlags flags, const CLI::App& app) {
    sockets::SocketsRequest request;
    request.selection = selection_from(app, flags.selection);
    request.kill = flags.kill;
    // ss -s stops after the summary unless a table or family flag or a filter word on
    // the command line (not -F) asks for the table too.
    request.table = !flags.summary || !request.selection->defaulted || !flags.filter.empty();
    size_t argument_words = flags.filter.size();
    if (!flags.filter_file.empty()) {
        for (auto& line : filter_file_lines(flags.filter_file)) flags.filter.push_back(std::move(line));
    }
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
    request.processes = flags.processes || flags.threads;  // ss's -T shows the holders too
    request.threads = flags.threads;
    request.summary = flags.summary;
    request.service_names = !flags.numeric;
    request.tos = flags.tos;
    request.details = flags.extended;
    if (!flags.top.empty()) {
        // `--top peers state established`: the option took one filter word too many.
        if (flags.top.size() == 2 && !parse_decimal(flags.top[1], kMaxTopRows)) {
            flags.filter.insert(flags.filter.begin(), flags.top[1]);
            flags.top.pop_back();
            ++argument_words;
        }
        auto key = sockets::parse_top_key(flags.top[0]);
        if (!key) throw FatalError(key.error());
        request.top = sockets::TopRequest{*key, flags.top.size() == 2 ? *parse_decimal(flags.top[1], kMaxTopRows) : 10};
    }
    sockets::FilterContext context = filter_context(flags, *request.selection);
    context.argument_words = argument_words;
    auto filter = sockets::parse_filter(flags.filter, context);
    if (!filter) throw FatalError(filter.error());
    request.filter = std::move(*filter);
    return request;
}

sockets::SocketPresentOptions present_options(const SocketsFlags& flags) {
    sockets::SocketPresentOptions present;
    present.header = !flags.no_header;
    present.extras = {.processes = flags.processes,
                      .threads = flags.threads,
                      .timers = flags.timers || flags.extended,  // ss's -e shows timers too
                      .extended = flags.extended,
                      .memory = flags.memory,
                      .tcp_info = flags.tcp_info,
                      .tos = flags.tos,
                      .cgroup = flags.cgroup,
                      .inet_sockopt = flags.inet_sockopt,
                      .oneline = flags.oneline,
                      .numeric = flags.numeric,
                      .bpf = flags.bpf};
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

ExitCode run_sockets(SocketsFlags flags, const CLI::App& app) {
    if (wants_family_help(flags.selection)) {
        std::cout << "families: " << sockets::family_names() << "\nsocket tables (-A): " << sockets::query_names() << '\n';
        return ExitCode::ok;
    }
    if (flags.selinux_contexts) require_selinux();
    check_combinations(flags);
    auto request = request_from(flags, app);
    const sockets::SocketPresentOptions present = present_options(flags);
    // -H: rows only on standard output; findings and notes go to standard error.
    flags.common.notes_to_stderr = flags.no_header;
    if (flags.events) {
        return run_stages(flags.common, "sockets",
                          [&](const RunContext& context, Sink& sink, Diagnosis& diagnosis) -> std::optional<Error> {
            return source::run_in_namespaces(context.session, context.targets, sink, diagnosis,
                                             [&](source::Source& source, Sink& out, Diagnosis& own) -> std::optional<Error> {
                                                 auto match = sockets::match_context_for(request.filter, source);
                                                 if (!match) return match.error();
                                                 return sockets::follow_socket_events(
                                                     request, present, source.netns(),
                                                     sockets::read_ephemeral_ports(request, source), *match, out, own);
                                             });
        });
    }
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
    app.add_flag("-T,--threads", flags->threads,
                 "Show the threads holding each socket: users:((\"comm\",pid=P,tid=T,fd=F)), one per thread");
    app.add_flag("-e,--extended", flags->extended,
                 "Show uid, inode, socket cookie, cgroup, shutdown state (and timers, as ss does)");
    app.add_flag("-o,--options", flags->timers, "Show timers: timer:(NAME,EXPIRES,RETRANSMITS)");
    app.add_flag("-i,--info", flags->tcp_info, "Show TCP internals: rtt, cwnd, retransmissions, rates, limits");
    app.add_flag("-m,--memory", flags->memory, "Show socket memory (skmem)");
    app.add_flag("-s,--summary", flags->summary,
                 "Summary of every socket plus findings: CLOSE-WAIT leaks, SYN piles, full accept queues, "
                 "orphans, ephemeral port exhaustion");
    // Both may be given: as in ss, the last one wins.
    app.add_flag("-4,--ipv4", flags->ipv4, "IPv4 sockets only");
    app.add_flag("-6,--ipv6", flags->ipv6, "IPv6 sockets only");
    app.add_flag("-H,--no-header", flags->no_header, "Do not print the header line");
    app.add_flag("-n,--numeric", flags->numeric, "Do not resolve service names (ports stay numbers)");
    app.add_flag("-r,--resolve", flags->resolve, "Resolve host names (reverse lookup of each address)");
    app.add_flag("-O,--oneline", flags->oneline, "Print each socket's -m/-i details on its own row");
    app.add_flag("-b,--bpf", flags->bpf,
                 "Show the classic BPF filter attached to each packet socket (needs CAP_NET_ADMIN)");
    app.add_flag("--tos", flags->tos, "Show TOS, traffic class and class id / priority");
    app.add_flag("--cgroup", flags->cgroup, "Show the cgroup (v2) of each socket");
    app.add_flag("--inet-sockopt", flags->inet_sockopt,
                 "Show inet socket options: recverr, is_icsk, freebind, transparent, mc_loop, ...");
    // ss prints TIPC details under TIPC rows only, and TIPC sockets are listed with
    // --tipc alone; netlens does not read them (--tipc says so under `skipped`), so the
    // flag changes nothing, as it changes nothing in ss where there are none.
    app.add_flag("--tipcinfo", flags->tipc_info, "Show TIPC socket details (TIPC sockets are not read: --tipc)");
    app.add_flag("-Z,--context,-z,--contexts", flags->selinux_contexts, "Show SELinux contexts (needs SELinux)");
    app.add_option("--top", flags->top, "Count sockets by KEY (peers, ports or processes), busiest N first (10)")
        ->expected(1, 2)
        ->type_name("KEY [N]");
    // The filter is every word that is not a flag, taken as typed: a FILTER option would
    // let CLI11 read a word in brackets ("[::1]", ss's IPv6 literal) as a list and strip it.
    app.allow_extras();
    app.footer("FILTER: ss's filter, [state NAME] [exclude NAME] [EXPRESSION], e.g. state established "
               "'( dport = :443 or sport = :443 )'");
    add_selection_flags(app, flags->selection);
    app.add_flag("-K,--kill", flags->kill,
                 "Close every matching TCP/UDP socket (SOCK_DESTROY, needs CAP_NET_ADMIN) and show what was closed");
    app.add_flag("-E,--events", flags->events,
                 "Show TCP/UDP sockets as the kernel destroys them, until interrupted");
    app.add_option("-F,--filter", flags->filter_file, "Read the filter from FILE ('-' for standard input)")
        ->type_name("FILE");
    app.add_option("-D,--diag", flags->diag_dump, "ss's raw dump: use --record FILE")->type_name("FILE");
    app.set_version_flag("-V,--version", kVersion);
    add_output_flags(app, flags->common);
    add_netns_flags(app, flags->common);
    app.add_option("-N,--net", flags->common.netns, "Same as --netns NAME (ss's spelling)")
        ->type_name("NAME")
        ->excludes("--all-netns")
        ->excludes("--netns");
    app.callback([flags, &state, &app] {
        flags->filter = filter_words(app.remaining());
        state.exit_code = run_sockets(*flags, app);
    });
}

}  // namespace netlens::cli
