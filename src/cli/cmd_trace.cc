// netlens trace [flags] [--] CMD ARGS... | -p PID[,PID...]: strace's network view. The
// flags are strace's (-f -ff -e -T -t -tt -ttt -r -s -x -xx -o -c -C -Z -z -y -yy -p),
// plus --ndjson/--json, --payload N, --peer, --port, --no-resolve. Lines go to standard
// error (or -o FILE), as strace's do, so the traced command's own output stays apart.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <charconv>

#include "cli/commands.h"
#include "cli/common_flags.h"
#include "trace/trace_session.h"

namespace netlens::cli {

namespace {

struct TraceFlags {
    CommonFlags common;
    int follow = 0;                       // -f, -ff
    std::vector<std::string> pids;        // -p PID[,PID...]
    std::vector<std::string> expressions; // -e trace=SET, -e status=SET, -e SET
    bool durations = false;               // -T
    int timestamps = 0;                   // -t, -tt, -ttt
    bool relative = false;                // -r
    size_t string_limit = 32;             // -s
    int hex = 0;                          // -x, -xx
    bool summary = false;                 // -c
    bool summary_too = false;             // -C
    bool failed_only = false;             // -Z
    bool successful_only = false;         // -z
    int fd_names = 0;                     // -y, -yy (resolution is always on)
    bool no_resolve = false;
    bool no_merge = false;                // --no-merge: strace's unfinished/resumed lines
    size_t payload = 512;
    std::string peer;
    std::string port;
    std::vector<std::string> command;
};

// The launched command's pid, for the signal handler that forwards our signals to it;
// set once the engine reports it. Signal handlers can reach nothing else.
std::atomic<pid_t> g_command_pid{0};
std::atomic<bool> g_stop{false};
std::atomic<int> g_forwarded{0};
std::atomic<int> g_stop_signal{0};  // -p: the signal that ended the trace

extern "C" void on_fatal_signal(int signal) {
    const pid_t command = g_command_pid.load();
    if (command > 0) {
        kill(command, signal);  // the command decides; we follow it to its end
        g_forwarded.store(signal);
    } else {
        g_stop_signal.store(signal);
        g_stop.store(true);  // -p: detach, every tracee keeps running
    }
}

std::vector<int> parse_pids(const std::vector<std::string>& values) {
    std::vector<int> pids;
    for (const std::string& value : values) {
        size_t start = 0;
        while (start <= value.size()) {
            const size_t end = std::min(value.find_first_of(", ", start), value.size());
            const std::string_view word(value.data() + start, end - start);
            if (!word.empty()) {
                int pid = 0;
                const auto [last, error] = std::from_chars(word.data(), word.data() + word.size(), pid);
                if (error != std::errc() || last != word.data() + word.size() || pid <= 0) {
                    throw FatalError(ExitCode::usage, "-p " + std::string(word) + ": not a process id");
                }
                if (kill(pid, 0) != 0 && errno == ESRCH) {
                    throw FatalError(ExitCode::usage, "-p " + std::string(word) + ": no such process");
                }
                pids.push_back(pid);
            }
            start = end + 1;
        }
    }
    return pids;
}

trace::TraceRequest request_from(const TraceFlags& flags) {
    trace::TraceRequest request;
    for (const std::string& expression : flags.expressions) {
        std::string_view text = expression;
        std::string_view key = "trace";
        if (const size_t equals = text.find('='); equals != std::string_view::npos) {
            key = text.substr(0, equals);
            text = text.substr(equals + 1);
        }
        if (key == "trace" || key == "t") {
            auto set = trace::parse_trace_set(text);
            if (!set) throw FatalError(ExitCode::usage, "-e " + expression + ": " + set.error().message);
            request.set = std::move(*set);
        } else if (key == "status") {
            auto statuses = trace::parse_status_set(text);
            if (!statuses) throw FatalError(ExitCode::usage, "-e " + expression + ": " + statuses.error().message);
            request.statuses = *statuses;
        } else if (key == "signal" || key == "signals" || key == "s") {
            auto signals = trace::parse_signal_set(text);
            if (!signals) throw FatalError(ExitCode::usage, "-e " + expression + ": " + signals.error().message);
            request.signals = *signals;
        } else if (key == "read" || key == "reads" || key == "write" || key == "writes") {
            auto fds = trace::parse_descriptor_set(text);
            if (!fds) throw FatalError(ExitCode::usage, "-e " + expression + ": " + fds.error().message);
            (key.starts_with("read") ? request.read_dumps : request.write_dumps) = *fds;
        } else {
            throw FatalError(ExitCode::usage, "-e " + expression + ": only trace=, status=, signal=, read= and write= are supported");
        }
    }
    if (flags.failed_only) request.statuses &= trace::call_status::kFailed;
    if (flags.successful_only) request.statuses &= trace::call_status::kSuccessful;
    request.engine.command = flags.command;
    request.engine.attach_pids = parse_pids(flags.pids);
    request.engine.follow_forks = flags.follow > 0;
    // A seccomp filter is inherited by every child, and an untraced child's filtered calls
    // would fail with ENOSYS: without -f the command runs unfiltered (strace's
    // --seccomp-bpf likewise takes effect only with -f).
    request.engine.seccomp = request.engine.follow_forks;
    request.engine.stop_on = trace::stop_numbers(request.set);
    request.decode.string_limit = flags.string_limit;
    request.decode.hex = flags.hex >= 2 ? trace::DecodeOptions::Hex::all
                         : flags.hex == 1 ? trace::DecodeOptions::Hex::non_ascii
                                          : trace::DecodeOptions::Hex::none;
    request.decode.payload_limit = flags.payload;
    request.text.durations = flags.durations;
    request.text.relative = flags.relative;
    request.text.timestamps = flags.timestamps >= 3   ? trace::TimestampStyle::epoch
                              : flags.timestamps == 2 ? trace::TimestampStyle::microseconds
                              : flags.timestamps == 1 ? trace::TimestampStyle::seconds
                                                      : trace::TimestampStyle::none;
    // strace: "[pid N]" on a terminal or pipe while several tasks are traced; with -f and
    // -o FILE a bare pid column on every line.
    request.text.pid_prefix = !flags.common.output_file.empty() && flags.follow > 0 ? trace::PidPrefix::column
                                                                                   : trace::PidPrefix::bracketed;
    request.resolve_fds = !flags.no_resolve;
    request.merge = !flags.no_merge;
    request.flush_each = flags.common.output_file.empty();
    if (flags.follow > 1 && !flags.common.output_file.empty()) {
        // strace -ff -o FILE: FILE.PID per process, lines without a pid; without -o it is -f.
        request.per_process_file = flags.common.output_file;
        request.per_process_options = flags.common.output();
        request.text.pid_prefix = trace::PidPrefix::none;
    }
    request.calls = !flags.summary || flags.summary_too;
    request.summary = flags.summary || flags.summary_too;
    if (!flags.peer.empty()) {
        auto peer = trace::parse_peer_filter(flags.peer);
        if (!peer) throw FatalError(peer.error());
        request.peer = *peer;
    }
    if (!flags.port.empty()) {
        auto port = trace::parse_port_filter(flags.port);
        if (!port) throw FatalError(port.error());
        if (!request.peer) request.peer = trace::PeerFilter{};
        request.peer->any_port = *port;
    }
    return request;
}

// Ends netlens by `signal`'s default action (without a core of our own), output flushed.
void die_of(int signal) {
    std::cout.flush();
    std::cerr.flush();
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    ::signal(signal, SIG_DFL);
    sigset_t unblocked;
    sigemptyset(&unblocked);
    sigaddset(&unblocked, signal);
    sigprocmask(SIG_UNBLOCK, &unblocked, nullptr);
    raise(signal);
}

ExitCode run_trace(TraceFlags& flags) {
    if (flags.command.empty() && flags.pids.empty()) {
        throw FatalError(ExitCode::usage, "trace: give a command to run (netlens trace [flags] -- CMD ARGS) or -p PID");
    }
    if (!flags.command.empty() && !flags.pids.empty()) {
        throw FatalError(ExitCode::usage, "trace: -p and a command cannot be combined");
    }
    flags.common.output_to_stderr = true;
    const trace::TraceRequest request = request_from(flags);
    // -ff -o FILE writes FILE.PID files only, as strace; what is not a process's (the -c
    // table) goes to standard error.
    if (!request.per_process_file.empty()) flags.common.output_file.clear();
    std::optional<int> command_status;
    const ExitCode code = run_stages(flags.common, "trace",
                                     [&](const RunContext&, Sink& sink, Diagnosis&) -> std::optional<Error> {
        trace::TraceSession session(request, sink);
        // Our signals go to a launched command (an attached process is let go instead).
        if (!request.engine.command.empty()) session.on_command_started = [](int pid) { g_command_pid.store(pid); };
        struct sigaction action {};
        action.sa_handler = on_fatal_signal;
        sigemptyset(&action.sa_mask);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaction(signal, &action, nullptr);
        auto outcome = trace::run_engine(request.engine, session, g_stop);
        if (!outcome) return outcome.error();
        session.finish();
        command_status = outcome->command_status;
        return std::nullopt;
    });
    if (!command_status) {
        // -p ended by our signal: every tracee is let go; then die of it, as strace does.
        if (const int signal = g_stop_signal.load(); signal != 0 && code == ExitCode::ok) die_of(signal);
        return code;
    }
    if (WIFEXITED(*command_status)) return static_cast<ExitCode>(WEXITSTATUS(*command_status));
    // Killed by a signal: die the same way, as strace does.
    die_of(WTERMSIG(*command_status));
    return static_cast<ExitCode>(128 + WTERMSIG(*command_status));
}

}  // namespace

void setup_trace(CLI::App& app, RunState& state) {
    auto flags = std::make_shared<TraceFlags>();
    // strace stops reading its own flags at the command: everything after its first word
    // belongs to the command (`netlens trace curl -s URL`).
    app.prefix_command();
    app.add_flag("-f", flags->follow, "Follow threads and child processes (-ff with -o FILE: one FILE.PID per process)");
    // Repeatable, one value each: `-e trace=network CMD` must leave CMD to the command.
    app.add_option("-p", flags->pids, "Attach to running processes PID[,PID...]; detach on SIGINT/SIGTERM")
        ->type_name("PID")
        ->allow_extra_args(false);
    app.add_option("-e", flags->expressions,
                   "trace=SET (names, %net/network, %desc, %file, %process, !SET, /REGEX), status=SET, signal=SET, read=FDS or write=FDS")
        ->type_name("EXPR")
        ->allow_extra_args(false);
    app.add_flag("-T", flags->durations, "Show the time spent in each call");
    app.add_flag("-t", flags->timestamps, "Prefix lines with the time (-tt: with microseconds, -ttt: since the epoch)");
    app.add_flag("-r", flags->relative, "Prefix lines with the time since the previous one");
    app.add_option("-s", flags->string_limit, "Show at most N bytes of each buffer (default 32)")->type_name("N");
    app.add_flag("-x", flags->hex, "Show non-ASCII bytes as \\x escapes (-xx: every byte)");
    app.add_option("-o", flags->common.output_file, "Write the trace to FILE (the same as --output)")->type_name("FILE");
    app.add_flag("-c", flags->summary, "Count time, calls and errors per call and per peer; print only that table");
    app.add_flag("-C", flags->summary_too, "Like -c, and print the calls too");
    app.add_flag("-Z,--failed-only", flags->failed_only, "Show only calls that failed");
    app.add_flag("-z,--successful-only", flags->successful_only, "Show only calls that succeeded");
    app.add_flag("-y", flags->fd_names, "Show what each fd is (always on, as strace -yy)");
    app.add_flag("--no-resolve", flags->no_resolve, "Show fds as plain numbers");
    app.add_flag("--no-merge", flags->no_merge,
                 "Split a call another thread interrupts into strace's <unfinished ...> and <... resumed> lines");
    app.add_option("--payload", flags->payload, "Keep up to N bytes of each buffer in --ndjson records (default 512)")
        ->type_name("N");
    app.add_option("--peer", flags->peer, "Show only calls on sockets talking to ADDR[/PREFIX][:PORT]")
        ->type_name("ADDR");
    app.add_option("--port", flags->port, "Show only calls on sockets with port N at either end")->type_name("N");
    add_output_flags(app, flags->common);
    app.footer("Usage: netlens trace [OPTIONS] [--] COMMAND [ARGS...]   or   netlens trace [OPTIONS] -p PID[,PID...]\n"
               "Lines go to standard error (or -o FILE), as strace's do. On SIGINT/SIGTERM a launched command gets the\n"
               "signal and netlens exits with its status; processes attached with -p are let go and keep running.");
    app.callback([flags, &state, &app] {
        // `trace -f curl -s URL`: parsing stopped at the command's name; `trace -f -- curl
        // -s URL`: main kept what follows "--".
        flags->command = app.remaining();
        if (!flags->command.empty() && !state.after_separator.empty()) {
            const std::string& word = flags->command.front();
            throw FatalError(ExitCode::usage, "trace: " + word + (word.starts_with('-') ? ": unknown option" : ": unexpected before --"));
        }
        if (flags->command.empty()) flags->command = state.after_separator;
        if (!flags->command.empty() && flags->command.front().starts_with('-') && state.after_separator.empty()) {
            throw FatalError(ExitCode::usage, "trace: " + flags->command.front() + ": unknown option");
        }
        state.exit_code = run_trace(*flags);
    });
}

}  // namespace netlens::cli
