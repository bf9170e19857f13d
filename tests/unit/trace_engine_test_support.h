// What the ptrace engine's tests share: an EngineEvents that records everything it is
// told, the test programs' paths and output files, and /proc facts about a process.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "trace/engine/tracer.h"

namespace netlens::trace::test_support {

struct RecordedCall {
    SyscallEntry entry;
    std::optional<SyscallExit> exit;
};

struct NewTask {
    int pid = 0;
    int tid = 0;
    int parent_tid = 0;
};

class RecordingEvents : public EngineEvents {
public:
    bool on_entry(const SyscallEntry& entry, TraceeMemory& memory) override {
        open_call_[entry.tid] = calls.size();
        calls.push_back({entry, std::nullopt});
        if (entry_hook) entry_hook(entry, memory);
        return want_exits;
    }
    void on_exit(const SyscallEntry& entry, const SyscallExit& exit, TraceeMemory&) override {
        const auto open = open_call_.find(entry.tid);
        if (open == open_call_.end()) {
            ++unmatched_exits;
            return;
        }
        calls[open->second].exit = exit;
        open_call_.erase(open);
    }
    void before_resume(int) override { ++resumes; }
    void on_signal(int, int, const siginfo_t& info) override { signals.push_back(info); }
    void on_task_exit(int, int tid, int status) override { exits[tid] = status; }
    void on_new_task(int pid, int tid, int parent_tid) override {
        new_tasks.push_back({pid, tid, parent_tid});
        if (first_pid.load() == 0) first_pid.store(pid);
    }
    void on_exec(int pid, int tid, int former_tid) override { execs.push_back({pid, tid, former_tid}); }
    void on_group_stop(int, int tid, int signal) override { group_stops.push_back({tid, signal}); }
    void on_detached(int, int tid) override { detached.push_back(tid); }

    std::vector<RecordedCall> calls_of(long number) const {
        std::vector<RecordedCall> found;
        for (const auto& call : calls)
            if (call.entry.number == number) found.push_back(call);
        return found;
    }

    bool want_exits = true;
    std::function<void(const SyscallEntry&, TraceeMemory&)> entry_hook;
    std::vector<RecordedCall> calls;
    std::vector<siginfo_t> signals;
    std::map<int, int> exits;  // tid -> wait status
    std::vector<NewTask> new_tasks;
    std::atomic<int> first_pid{0};                 // for another thread that needs the launched pid
    std::vector<NewTask> execs;                    // {pid, tid, former tid}
    std::vector<std::pair<int, int>> group_stops;  // {tid, signal}
    std::vector<int> detached;
    int unmatched_exits = 0;
    int resumes = 0;

private:
    std::map<int, size_t> open_call_;
};

inline std::string program(const std::string& name) { return std::string(NETLENS_PROGRAMS_DIR) + "/" + name; }

// A fresh path for a program's output file, removed when the test ends.
class OutputFile {
public:
    OutputFile() {
        static int counter = 0;
        path_ = ::testing::TempDir() + "netlens_engine_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
        unlink(path_.c_str());
    }
    ~OutputFile() { unlink(path_.c_str()); }
    const std::string& path() const { return path_; }
    std::string text() const {
        std::ifstream in(path_);
        std::stringstream buffer;
        buffer << in.rdbuf();
        return buffer.str();
    }
    // The lines that start with `key `, split into words (the key dropped).
    std::vector<std::vector<std::string>> lines(const std::string& key) const {
        std::vector<std::vector<std::string>> found;
        std::istringstream in(text());
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream words(line);
            std::string first;
            words >> first;
            if (first != key) continue;
            std::vector<std::string> rest;
            for (std::string word; words >> word;) rest.push_back(word);
            found.push_back(rest);
        }
        return found;
    }

private:
    std::string path_;
};

// A field of /proc/PID/status ("TracerPid", "State", "Seccomp"), as its text.
inline std::string proc_status_field(int pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) != 0) continue;
        const size_t value = line.find_first_not_of(" \t", field.size() + 1);
        return value == std::string::npos ? "" : line.substr(value);
    }
    return "";
}

// Sets the flag after `delay`, from another thread, as a signal handler would.
class DelayedStop {
public:
    explicit DelayedStop(std::chrono::milliseconds delay)
        : thread_([this, delay] {
              std::this_thread::sleep_for(delay);
              flag.store(true);
          }) {}
    ~DelayedStop() { thread_.join(); }
    std::atomic<bool> flag{false};  // declared first: the thread uses it

private:
    std::thread thread_;
};

}  // namespace netlens::trace::test_support
