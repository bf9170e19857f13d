// The shared model of `netlens trace`: what the ptrace engine hands on for every stopped
// system call, how the decoders describe an argument (for strace-like text and for JSON
// from the same value), and what the fd table knows of a socket. The engine, the decoders,
// the fd table and the printers each depend on this file and on nothing of each other's.
//
// Architecture: x86_64 only (syscall numbers, registers); other architectures are refused
// at run time with a clear error.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/json.h"

namespace netlens::trace {

// Microseconds since the Unix epoch (CLOCK_REALTIME), as -t/-tt/-ttt and `ts_us` show it.
using WallMicros = int64_t;

// A system call as the engine saw it at its entry stop.
struct SyscallEntry {
    int pid = 0;  // thread-group id (the process)
    int tid = 0;  // the thread that made the call
    long number = 0;
    std::array<uint64_t, 6> args{};
    WallMicros entered_us = 0;
    uint64_t monotonic_entered_ns = 0;  // CLOCK_MONOTONIC, for -T and -r
};

// Its exit stop, when the call returned (absent for exit/exit_group/execve that replaced
// the image, and for calls whose exit was not waited for).
struct SyscallExit {
    int64_t value = 0;       // the raw return value (-errno on failure)
    bool failed = false;     // value is -errno (the kernel's convention: -4095 .. -1)
    WallMicros exited_us = 0;
    uint64_t monotonic_exited_ns = 0;
};

// Reads a tracee's memory (process_vm_readv, or PTRACE_PEEKDATA where that is refused).
// A fake in tests. Returns the bytes read: fewer than asked when the range ends in an
// unmapped page; 0 when nothing could be read.
class TraceeMemory {
public:
    virtual ~TraceeMemory() = default;
    virtual size_t read(uint64_t address, std::span<std::byte> into) = 0;
};

// One decoded argument, struct field or array item, as strace prints it (`text`) and as
// JSON carries it (`json`). A leaf has text and json; a structure or an array has
// children and is printed {a=.., b=..} or [.., ..] from them.
struct Value {
    enum class Shape { leaf, structure, array };
    Shape shape = Shape::leaf;
    std::string name;              // field name in a structure ("sa_family"); else empty
    std::string text;              // leaf: "AF_INET", "htons(80)", "\"GET / HTTP/1.1\\r\\n\"..."
    Json json;                     // leaf: "AF_INET", 80, "GET / HTTP/1.1\r\n"
    std::vector<Value> children;   // structure fields or array items
    bool more = false;             // strace's trailing "..." (items or fields left out)
};

// What a socket fd refers to, as strace -yy shows it and as JSON carries it.
struct SocketIdentity {
    uint64_t inode = 0;
    std::string protocol;  // strace's names: "TCP", "TCPv6", "UDP", "UDPv6", "UNIX-STREAM",
                           // "UNIX-DGRAM", "UNIX-SEQPACKET", "NETLINK", "PACKET", "RAW"...
    std::string local;     // "127.0.0.1:40001", "[::1]:443", "/run/x.sock", "@abstract"
    std::string peer;      // empty when not connected
    uint64_t peer_inode = 0;  // unix sockets: the other end's inode
    std::string netns;     // the tracee's network namespace when it is not ours ("net:[4026532]")
};

// One finished (or unfinished) call, ready for a printer.
struct CallRecord {
    SyscallEntry entry;
    std::optional<SyscallExit> exit;
    std::string name;                       // "connect"
    std::vector<Value> args;                // decoded, in order
    Value result;                           // "3<TCP:[...]>", "-1 ECONNREFUSED (Connection refused)"
    std::optional<SocketIdentity> socket;   // of the call's fd argument (or the returned fd)
    std::vector<std::byte> payload;         // up to --payload bytes of the data moved
    std::vector<uint64_t> entry_values;     // what the decoder kept at entry for the exit
                                            // (in/out lengths such as accept's addrlen)
};

}  // namespace netlens::trace

namespace netlens::trace {

// A signal the engine saw delivered to a thread ("--- SIGCHLD {si_signo=...} ---").
struct SignalDelivery {
    int pid = 0;
    int tid = 0;
    std::string signal;             // "SIGCHLD"
    std::optional<Value> siginfo;   // decoded siginfo_t, when the kernel gave one
    bool stopped = false;           // not delivered: the task entered a group-stop
    WallMicros at_us = 0;
    uint64_t monotonic_ns = 0;
};

// A thread or process that ended ("+++ exited with 0 +++", "+++ killed by SIGKILL +++").
struct TraceeExit {
    int pid = 0;
    int tid = 0;
    bool killed = false;   // by a signal; else it exited
    int status = 0;        // the exit status when it exited
    std::string signal;    // the killing signal's name when killed
    bool core_dumped = false;
    WallMicros at_us = 0;
    uint64_t monotonic_ns = 0;
};

}  // namespace netlens::trace
