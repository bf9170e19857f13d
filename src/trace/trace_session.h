// `netlens trace` between the engine and the sink. For every stopped call it decides
// whether the exit is worth a stop (a read on a file is not), keeps the fd table true
// (new descriptors, connects, binds, closes, forks, exec), decodes what is shown, applies
// the filters strace lacks (--peer, --port) and the status filter, and hands the call to
// the printers or to the -c summary.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/output_destination.h"
#include "core/output_options.h"
#include "core/sink.h"
#include "trace/decode/decode_call.h"
#include "trace/engine/tracer.h"
#include "trace/peer_filter.h"
#include "trace/present/call_text.h"
#include "trace/number_set.h"
#include "trace/sockets/fd_table.h"
#include "trace/summary/call_summary.h"
#include "trace/syscalls/trace_set.h"
#include "trace/trace_model.h"

namespace netlens::trace {

struct TraceRequest {
    EngineOptions engine;
    TraceSet set = default_trace_set();
    uint32_t statuses = call_status::kAll;  // -e status=SET, -Z (failed), -z (successful)
    NumberSet signals = NumberSet::everything();  // -e signal=SET: the signals given a line
    NumberSet read_dumps;                          // -e read=SET: fds whose reads are dumped in hex
    NumberSet write_dumps;                         // -e write=SET: fds whose writes are dumped
    DecodeOptions decode;
    TextOptions text;
    bool resolve_fds = true;   // -yy (on by default); --no-resolve shows plain numbers
    bool calls = true;         // print each call (off with -c)
    bool summary = false;      // -c / -C: the summary table at the end
    bool flush_each = true;    // each line leaves at once (a terminal or pipe); -o FILE buffers
    // Off (--no-merge): a call another thread's line interrupts is split as strace splits
    // it, "<unfinished ...>" at its entry and "<... NAME resumed>" at its exit.
    bool merge = true;
    // -ff -o FILE: each thread's lines go to FILE.TID (strace's "FILE.PID"), written as
    // these options say.
    std::string per_process_file;
    OutputOptions per_process_options;
    std::optional<PeerFilter> peer;  // --peer ADDR[/PREFIX][:PORT], --port N
};

// The syscall numbers the engine must stop on: the shown set and the calls that keep the
// fd table true.
std::vector<long> stop_numbers(const TraceSet& set);

class TraceSession final : public EngineEvents {
public:
    TraceSession(const TraceRequest& request, Sink& sink);

    bool on_entry(const SyscallEntry& entry, TraceeMemory& memory) override;
    void on_exit(const SyscallEntry& entry, const SyscallExit& exit, TraceeMemory& memory) override;
    void on_call_unfinished(const SyscallEntry& entry, TraceeMemory& memory) override;
    void on_signal(int pid, int tid, const siginfo_t& info) override;
    void on_group_stop(int pid, int tid, int signal) override;
    void on_task_exit(int pid, int tid, int wait_status) override;
    void on_new_task(int pid, int tid, int parent_tid) override;
    void on_exec(int pid, int tid, int former_tid) override;
    void on_detached(int pid, int tid) override;

    // Prints the -c/-C summary, after the engine is done.
    void finish();

    // Called with the launched command's pid when the engine first reports it.
    std::function<void(int pid)> on_command_started;

private:
    bool fd_is_socket(int pid, int64_t fd);
    bool shows(const CallRecord& call);
    bool waits_on_sockets(const SyscallEntry& entry, TraceeMemory& memory);
    bool epoll_watches_sockets(int pid, int epoll_fd);
    void forget_epolls(int pid);
    void before_decode(const CallRecord& call, TraceeMemory& memory);
    bool passes_peer_filter(const CallRecord& call);
    void after_decode(const CallRecord& call);
    void print(const CallRecord& call, bool announced, TraceeMemory& memory);
    void print_dumps(const CallRecord& call, TraceeMemory& memory);
    Sink& sink_for(int tid);
    void emit(int tid, const std::function<Json()>& json, const std::function<std::string()>& text);
    bool splits_lines() const;
    void keep_entry_view(CallRecord& call, TraceeMemory& memory);
    void end_open_line(int tid);
    std::string fd_text(int pid, int64_t fd);
    std::optional<SocketIdentity> socket_of(const CallRecord& call);
    bool several() const { return tasks_.size() > 1; }

    const TraceRequest& request_;
    Sink& sink_;
    FdTable fds_;
    CallSummary summary_;
    CallTextPrinter text_;
    // A call entered and not yet exited, by tid; `shown` is decided at the entry.
    struct Pending {
        CallRecord call;
        bool shown = false;
        // The fd's text before the call changed it (connect, bind, an autobinding
        // sendto): strace prints arguments as they were at the entry.
        std::optional<std::string> fd_before;
        // --no-merge: the arguments as shown at the entry, and whether its
        // "<unfinished ...>" line is out.
        std::optional<CallRecord> entry_view;
        bool announced = false;
    };
    std::unordered_map<int, Pending> pending_;
    std::unordered_map<int, int> tasks_;           // live tid -> its process
    std::set<std::pair<int, int>> connecting_;     // (pid, fd): connect in progress, peer not known yet
    std::set<std::pair<int, int>> socket_epolls_;  // (pid, epoll fd) with a socket in its interest list
    std::set<std::pair<int, int>> examined_epolls_;  // (pid, epoll fd) whose /proc interest list was read
    bool command_seen_ = false;
    // --no-merge: the thread whose call strace would have begun printing and not ended
    // (its line is "open" until another thread prints).
    std::optional<int> open_tid_;
    struct PerProcessOutput {
        std::unique_ptr<OutputDestination> destination;
        std::unique_ptr<Sink> sink;
    };
    std::map<int, PerProcessOutput> per_process_;  // -ff, by tid
};

}  // namespace netlens::trace
