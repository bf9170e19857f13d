#include "trace/trace_session.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "proc/epoll_fdinfo.h"
#include "proc/file_text.h"
#include "trace/clock.h"
#include "trace/decode/entry_arguments.h"
#include "trace/decode/moved_data.h"
#include "trace/decode/siginfo.h"
#include "trace/decode/wait_values.h"
#include "trace/fd_calls.h"
#include "trace/named_peer.h"
#include "trace/present/call_json.h"
#include "trace/present/hex_dump_text.h"
#include "trace/present/value_text.h"
#include "trace/summary/summary_json.h"
#include "trace/summary/summary_text.h"

namespace netlens::trace {

namespace {

TraceeExit tracee_exit(int pid, int tid, int wait_status) {
    TraceeExit exit;
    exit.pid = pid;
    exit.tid = tid;
    if (WIFSIGNALED(wait_status)) {
        exit.killed = true;
        exit.signal = signal_name(WTERMSIG(wait_status));
        exit.core_dumped = WCOREDUMP(wait_status);
    } else {
        exit.status = WEXITSTATUS(wait_status);
    }
    exit.at_us = wall_micros();
    exit.monotonic_ns = monotonic_ns();
    return exit;
}

}  // namespace

// One stream in the order things happened: syscall, signal and exit records, each naming
// its own type.
SectionSpec events_section() {
    return {.name = "events", .record_type = "syscall", .columns = {}, .heading = "", .gap = false, .header = false,
            .empty_text = ""};
}

std::vector<long> stop_numbers(const TraceSet& set) {
    std::vector<long> numbers;
    for (long number = 0; number < kSyscallNumberLimit; ++number) {
        if (set.contains(number) || keeps_fd_table(number)) numbers.push_back(number);
    }
    return numbers;
}

TraceSession::TraceSession(const TraceRequest& request, Sink& sink)
    : request_(request), sink_(sink), text_(request.text) {
    fds_.set_hex(request.decode.hex);
    if (request_.calls) {
        sink_.section(events_section());
    }
}

std::string TraceSession::fd_text(int pid, int64_t fd) {
    if (!request_.resolve_fds || fd < 0 || fd > INT32_MAX) return std::to_string(fd);
    const int number = static_cast<int>(fd);
    // A non-blocking connect completes without a call we see: until it has, the
    // socket is read afresh each time it is shown.
    if (connecting_.contains({pid, number})) fds_.changed(pid, number);
    return fds_.fd_text(pid, fd);
}

bool TraceSession::fd_is_socket(int pid, int64_t fd) {
    if (fd < 0 || fd > INT32_MAX) return false;
    return fds_.kind(pid, static_cast<int>(fd)).socket.has_value();
}

// poll/select on at least one socket; epoll_wait on an epoll set a socket was added to.
bool TraceSession::waits_on_sockets(const SyscallEntry& entry, TraceeMemory& memory) {
    switch (entry.number) {
        case SYS_poll:
        case SYS_ppoll: {
            const size_t count = std::min<uint64_t>(entry.args[1], 4096);
            std::vector<struct pollfd> fds(count);
            const size_t read = memory.read(entry.args[0], std::as_writable_bytes(std::span(fds)));
            for (size_t i = 0; i < read / sizeof(struct pollfd); ++i) {
                if (fd_is_socket(entry.pid, fds[i].fd)) return true;
            }
            return false;
        }
        case SYS_select:
        case SYS_pselect6: {
            for (size_t set = 1; set <= 3; ++set) {
                if (entry.args[set] == 0) continue;
                const std::vector<uint64_t> words = read_fd_set(memory, entry.args[set], entry.args[0]);
                for (size_t fd = 0; fd < words.size() * 64 && fd < entry.args[0]; ++fd) {
                    if ((words[fd / 64] >> (fd % 64) & 1) != 0 && fd_is_socket(entry.pid, static_cast<int64_t>(fd))) {
                        return true;
                    }
                }
            }
            return false;
        }
        case SYS_epoll_wait:
        case SYS_epoll_pwait:
        case SYS_epoll_pwait2:
            return epoll_watches_sockets(entry.pid, static_cast<int>(entry.args[0]));
        default:
            for (const int64_t fd : fd_arguments(entry)) {
                if (fd_is_socket(entry.pid, fd)) return true;
            }
            return false;
    }
}

// An epoll set is known to watch a socket once one is added to it while traced; a set
// built before (trace -p), or inherited, is looked up once in /proc/PID/fdinfo.
bool TraceSession::epoll_watches_sockets(int pid, int epoll_fd) {
    const std::pair key{pid, epoll_fd};
    if (socket_epolls_.contains(key)) return true;
    if (!examined_epolls_.insert(key).second) return false;
    const auto fdinfo = proc::read_file_text("/proc/" + std::to_string(pid) + "/fdinfo/" + std::to_string(epoll_fd));
    if (fdinfo.err != 0) return false;
    for (const int fd : proc::parse_epoll_targets(fdinfo.text)) {
        if (fd_is_socket(pid, fd)) {
            socket_epolls_.insert(key);
            return true;
        }
    }
    return false;
}

void TraceSession::forget_epolls(int pid) {
    for (auto* epolls : {&socket_epolls_, &examined_epolls_}) {
        epolls->erase(epolls->lower_bound({pid, INT32_MIN}), epolls->lower_bound({pid + 1, INT32_MIN}));
    }
}

bool TraceSession::on_entry(const SyscallEntry& entry, TraceeMemory& memory) {
    const ShowWhen when = request_.set.when(entry.number);
    const bool bookkeeping = keeps_fd_table(entry.number);
    if (when == ShowWhen::never && !bookkeeping) return false;
    bool shown = when == ShowWhen::always || when == ShowWhen::dns_path;
    if (when == ShowWhen::fd_is_socket) shown = waits_on_sockets(entry, memory);
    if (!shown && !bookkeeping) return false;  // a read on a file: no exit stop
    if (!shown && entry.number == SYS_close) {
        // Not shown, so nothing to print; the table forgets it now (close never fails
        // to release the number on Linux, even with EINTR).
        fds_.forget(entry.pid, static_cast<int>(entry.args[0]));
        return false;
    }
    Pending& pending = pending_[entry.tid];
    pending = Pending{};
    pending.call.entry = entry;
    pending.shown = shown;
    if (shown && entry.number == SYS_close && request_.resolve_fds) {
        (void)fds_.kind(entry.pid, static_cast<int>(entry.args[0]));  // what it was, for the line
    }
    if (shown && changes_addresses(entry.number)) pending.fd_before = fd_text(entry.pid, static_cast<int32_t>(entry.args[0]));
    if (shown) decode_entry(pending.call, memory, request_.decode);
    if (shown && splits_lines()) {
        CallRecord view = pending.call;
        keep_entry_view(view, memory);
        if (shows(view)) {
            pending.entry_view = std::move(view);
            end_open_line(entry.tid);
            open_tid_ = entry.tid;
        }
    }
    return true;
}

// --no-merge splits lines only where strace would: one stream of text in which a call's
// fate is known at its entry (no status or peer filter waits for the result).
bool TraceSession::splits_lines() const {
    return !request_.merge && request_.calls && !sink_.structured() && request_.per_process_file.empty() &&
           request_.statuses == call_status::kAll && !request_.peer;
}

// The call decoded as it stands at the entry: the arguments strace prints before
// "<unfinished ...>".
void TraceSession::keep_entry_view(CallRecord& call, TraceeMemory& memory) {
    decode_call(call, memory, request_.decode, [&](int pid, int64_t fd) { return fd_text(pid, fd); });
}

// Another thread is about to print: the open line of a call still in progress ends with
// "<unfinished ...>", and its exit will print "<... NAME resumed>".
void TraceSession::end_open_line(int tid) {
    if (!open_tid_ || *open_tid_ == tid) return;
    const int open = *open_tid_;
    open_tid_.reset();
    const auto found = pending_.find(open);
    if (found == pending_.end() || !found->second.entry_view) return;
    Pending& pending = found->second;
    pending.announced = true;
    const CallRecord& view = *pending.entry_view;
    sink_.line(text_.unfinished(view, entry_argument_count(view.entry), several()));
}

// Before the exit is decoded: descriptors the call created or changed are read afresh.
void TraceSession::before_decode(const CallRecord& call, TraceeMemory& memory) {
    const SyscallEntry& entry = call.entry;
    if (!call.exit || call.exit->failed) {
        if (entry.number == SYS_connect && call.exit && call.exit->value == -EINPROGRESS) {
            connecting_.insert({entry.pid, static_cast<int>(entry.args[0])});
        }
        return;
    }
    const int pid = entry.pid;
    if (returns_new_fd(entry.number, entry)) {
        const int fd = static_cast<int>(call.exit->value);
        if (entry.number == SYS_socket && request_.resolve_fds) {
            constexpr int kTypeMask = 0xf;  // without SOCK_NONBLOCK / SOCK_CLOEXEC
            const NewSocket made{static_cast<int>(entry.args[0]), static_cast<int>(entry.args[1]) & kTypeMask,
                                 static_cast<int>(entry.args[2])};
            fds_.created_socket(pid, fd, made);
        } else {
            fds_.forget(pid, fd);
        }
        connecting_.erase({pid, fd});
    }
    switch (entry.number) {
        case SYS_socketpair: {
            std::array<int32_t, 2> pair{};
            if (memory.read(entry.args[3], std::as_writable_bytes(std::span(pair))) == sizeof pair) {
                for (const int fd : pair) fds_.forget(pid, fd);
            }
            break;
        }
        case SYS_connect:
        case SYS_bind:
            fds_.changed(pid, static_cast<int>(entry.args[0]));
            connecting_.erase({pid, static_cast<int>(entry.args[0])});
            break;
        case SYS_sendto:
        case SYS_sendmsg:
        case SYS_sendmmsg: {
            if (!request_.resolve_fds) break;
            // The first send of an unbound socket binds it to a port.
            const auto& socket = fds_.kind(pid, static_cast<int32_t>(entry.args[0])).socket;
            if (socket && (socket->local.empty() || socket->local.ends_with(":0"))) {
                fds_.changed(pid, static_cast<int>(entry.args[0]));
            }
            break;
        }
        case SYS_epoll_ctl:
            if (entry.args[1] == EPOLL_CTL_ADD && fd_is_socket(pid, static_cast<int32_t>(entry.args[2]))) {
                socket_epolls_.insert({pid, static_cast<int>(entry.args[0])});
            }
            break;
        default:
            break;
    }
}

// After it is printed: descriptors the call released are forgotten.
void TraceSession::after_decode(const CallRecord& call) {
    const SyscallEntry& entry = call.entry;
    const int pid = entry.pid;
    if (entry.number == SYS_close) {
        fds_.forget(pid, static_cast<int>(entry.args[0]));
        connecting_.erase({pid, static_cast<int>(entry.args[0])});
        socket_epolls_.erase({pid, static_cast<int>(entry.args[0])});
        examined_epolls_.erase({pid, static_cast<int>(entry.args[0])});
    } else if (entry.number == SYS_close_range && call.exit && !call.exit->failed) {
        const uint64_t last = std::min<uint64_t>(entry.args[1], INT32_MAX);
        for (uint64_t fd = entry.args[0]; fd <= last && fd < 65536; ++fd) fds_.forget(pid, static_cast<int>(fd));
    }
}

void TraceSession::on_exit(const SyscallEntry& entry, const SyscallExit& exit, TraceeMemory& memory) {
    auto found = pending_.find(entry.tid);
    if (found == pending_.end()) return;
    CallRecord call = std::move(found->second.call);
    const bool shown = found->second.shown;
    const bool announced = found->second.announced;
    const std::optional<std::string> fd_before = std::move(found->second.fd_before);
    pending_.erase(found);
    call.exit = exit;
    before_decode(call, memory);
    if (shown) {
        const int64_t first_fd = static_cast<int32_t>(entry.args[0]);
        decode_call(call, memory, request_.decode, [&](int pid, int64_t fd) {
            return fd_before && fd == first_fd ? *fd_before : fd_text(pid, fd);
        });
        call.socket = socket_of(call);
        if (shows(call)) print(call, announced, memory);
    }
    after_decode(call);
}

void TraceSession::on_call_unfinished(const SyscallEntry& entry, TraceeMemory& memory) {
    auto found = pending_.find(entry.tid);
    if (found == pending_.end()) return;
    Pending pending = std::move(found->second);
    pending_.erase(found);
    if (!pending.shown) return;
    CallRecord call = pending.entry_view ? std::move(*pending.entry_view) : std::move(pending.call);
    if (!pending.entry_view) keep_entry_view(call, memory);
    call.socket = socket_of(call);
    if (!shows(call) || !request_.calls) return;
    const size_t entry_args = entry_argument_count(call.entry);
    emit(entry.tid, [&] { return call_json(call); },
         [&] { return text_.unreturned(call, entry_args, pending.announced, several()); });
}

bool TraceSession::shows(const CallRecord& call) {
    if (request_.set.when(call.entry.number) == ShowWhen::dns_path) {
        // open(PATH, ...) or openat(DIRFD, PATH, ...): the path is a decoded string.
        const size_t index = call.entry.number == SYS_open ? 0 : 1;
        if (call.args.size() <= index || !call.args[index].json.is_string()) return false;
        if (!is_dns_path(call.args[index].json.get<std::string>())) return false;
    }
    const bool failed = call.exit && call.exit->failed;
    const uint32_t status = !call.exit ? call_status::kUnfinished : failed ? call_status::kFailed : call_status::kSuccessful;
    if ((request_.statuses & status) == 0) return false;
    return !request_.peer || passes_peer_filter(call);
}

// The socket the call works on: the one it created (socket, accept) or its fd argument's.
std::optional<SocketIdentity> TraceSession::socket_of(const CallRecord& call) {
    // --no-resolve: no socket is looked at unless --peer/--port must know its ends.
    if (!request_.resolve_fds && !request_.peer) return std::nullopt;
    const SyscallEntry& entry = call.entry;
    const bool creates = entry.number == SYS_socket || entry.number == SYS_accept || entry.number == SYS_accept4;
    if (creates && call.exit && !call.exit->failed) return fds_.kind(entry.pid, static_cast<int>(call.exit->value)).socket;
    if (creates) return std::nullopt;
    const auto spec = syscall_spec(entry.number);
    if (spec == nullptr || spec->arg_count == 0) return std::nullopt;
    for (const int64_t fd : fd_arguments(entry)) {
        if (fd < 0 || fd > INT32_MAX) continue;
        if (auto socket = fds_.kind(entry.pid, static_cast<int>(fd)).socket) return socket;
    }
    return std::nullopt;
}

// --peer and --port: the socket's own ends, or for an unconnected socket the address the
// call names.
bool TraceSession::passes_peer_filter(const CallRecord& call) {
    std::optional<Endpoint> local;
    std::optional<Endpoint> peer;
    if (call.socket) {
        local = parse_endpoint(call.socket->local);
        peer = parse_endpoint(call.socket->peer);
    }
    if (!peer) peer = far_end_named(call);
    return request_.peer->matches(local, peer);
}

// -ff: each thread writes to FILE.TID (as strace's), opened when it first has something
// to say.
Sink& TraceSession::sink_for(int tid) {
    if (request_.per_process_file.empty()) return sink_;
    auto found = per_process_.find(tid);
    if (found == per_process_.end()) {
        OutputOptions options = request_.per_process_options;
        options.file = request_.per_process_file + "." + std::to_string(tid);
        PerProcessOutput output;
        output.destination = std::make_unique<OutputDestination>(options);
        output.sink = make_sink(*output.destination, "trace");
        output.sink->section(events_section());
        found = per_process_.emplace(tid, std::move(output)).first;
    }
    return *found->second.sink;
}

// Every line of thread `tid` leaves here: an open line of another thread ends first.
void TraceSession::emit(int tid, const std::function<Json()>& json, const std::function<std::string()>& text) {
    Sink& sink = sink_for(tid);
    if (sink.structured()) {
        sink.record(json());
    } else {
        end_open_line(tid);
        if (open_tid_ == tid) open_tid_.reset();
        sink.line(text());
    }
    if (request_.flush_each) sink.flush();
}

void TraceSession::print(const CallRecord& call, bool announced, TraceeMemory& memory) {
    if (request_.summary) summary_.add(call, call.socket && call.socket->peer.empty() ? named_peer_text(call) : "");
    if (!request_.calls) return;
    const auto text = [&] {
        return announced ? text_.resumed(call, entry_argument_count(call.entry), several()) : text_.call(call, several());
    };
    emit(call.entry.tid, [&] { return call_json(call); }, text);
    print_dumps(call, memory);
}

// -e read=SET / -e write=SET: the data moved on those fds, in hex under the call's line.
void TraceSession::print_dumps(const CallRecord& call, TraceeMemory& memory) {
    const DataDirection direction = data_direction(call.entry.number);
    const NumberSet& fds = direction == DataDirection::read ? request_.read_dumps : request_.write_dumps;
    if (direction == DataDirection::none || !fds.contains(static_cast<int32_t>(call.entry.args[0]))) return;
    Sink& sink = sink_for(call.entry.tid);
    if (sink.structured()) return;  // --ndjson carries the data as the payload
    const MovedData data = moved_data(call, memory);
    for (size_t i = 0; i < data.buffers.size(); ++i) {
        if (data.by_iovec) sink.line(fmt::format(" * {} bytes in buffer {}", data.buffers[i].size(), i));
        for (const std::string& line : hex_dump_lines(data.buffers[i])) sink.line(line);
    }
}

void TraceSession::on_signal(int pid, int tid, const siginfo_t& info) {
    if (!request_.calls || !request_.signals.contains(info.si_signo)) return;
    SignalDelivery delivery = signal_delivery(pid, tid, info);
    emit(tid, [&] { return signal_json(delivery); }, [&] { return text_.signal(delivery, several()); });
}

// strace: "--- stopped by SIGSTOP ---" when the task enters a group-stop.
void TraceSession::on_group_stop(int pid, int tid, int signal) {
    if (!request_.calls || !request_.signals.contains(signal)) return;
    SignalDelivery delivery = group_stop(pid, tid, signal);
    emit(tid, [&] { return signal_json(delivery); }, [&] { return text_.signal(delivery, several()); });
}

void TraceSession::on_task_exit(int pid, int tid, int wait_status) {
    pending_.erase(tid);
    tasks_.erase(tid);
    if (open_tid_ == tid) open_tid_.reset();
    if (pid == tid) {
        fds_.process_gone(pid);
        forget_epolls(pid);
    }
    if (!request_.calls) return;
    const TraceeExit exit = tracee_exit(pid, tid, wait_status);
    emit(tid, [&] { return exit_json(exit); }, [&] { return text_.exit(exit, several() || !tasks_.empty()); });
}

void TraceSession::on_new_task(int pid, int tid, int parent_tid) {
    const bool first = tasks_.empty() && !command_seen_;
    tasks_[tid] = pid;
    if (parent_tid == 0) {
        if (first && on_command_started) on_command_started(pid);
        command_seen_ = true;
        return;
    }
    const auto parent = tasks_.find(parent_tid);
    if (parent != tasks_.end() && parent->second != pid) fds_.fork(parent->second, pid);
}

void TraceSession::on_exec(int pid, int tid, int former_tid) {
    if (former_tid != tid) {
        pending_.erase(former_tid);
        tasks_.erase(former_tid);
    }
    tasks_[tid] = pid;
    fds_.exec(pid);
    forget_epolls(pid);  // what survives the exec is looked up afresh
}

void TraceSession::on_detached(int, int tid) {
    pending_.erase(tid);
    tasks_.erase(tid);
}

void TraceSession::finish() {
    for (auto& [pid, output] : per_process_) output.sink->finish(Diagnosis{});
    if (!request_.summary) return;
    if (sink_.structured()) {
        sink_.section({.name = "summary", .record_type = "summary"});
        sink_.record(summary_json(summary_));
    } else {
        sink_.section({.name = "summary", .record_type = "summary"});
        for (const std::string& text : {syscall_summary_text(summary_), peer_summary_text(summary_)}) {
            sink_.line(text);
        }
    }
}

}  // namespace netlens::trace
