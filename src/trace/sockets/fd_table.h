// What each traced process's descriptors are, resolved once when a descriptor is first
// seen and again only after a call that changes it (connect, bind, accept, dup, close,
// exec). The engine asks it for every fd argument; the cache keeps that to a map lookup,
// and lets the engine skip the exit stop of read/write on fds that are not sockets.
//
// Keyed by thread-group id: threads share one descriptor table. Processes created with
// CLONE_FILES but without CLONE_THREAD also share one in the kernel, but here get a copy
// at fork() that may drift from it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "trace/decode/decode_options.h"
#include "trace/sockets/socket_resolver.h"

namespace netlens::trace {

class FdTable {
public:
    // Resolves through a live SocketResolver.
    FdTable();
    // Resolves through `source` (a replay, or a fake in tests).
    explicit FdTable(std::unique_ptr<FdKindSource> source) : source_(std::move(source)) {}

    // What fd is in process pid; resolved (and kept) on first use. An fd that is not
    // open is not kept: an empty FdKind is returned and asked again next time.
    const FdKind& kind(int pid, int fd);

    void forget(int pid, int fd);                // close
    void created_socket(int pid, int fd, const NewSocket& made);  // socket() returned fd
    void changed(int pid, int fd);               // connect/bind/accept/listen changed its addresses
    void dup(int pid, int from, int to);         // dup/dup2/dup3/fcntl(F_DUPFD): `to` is what `from` is
    void exec(int pid);                          // CLOEXEC descriptors are gone: forget them all
    void fork(int parent, int child);            // the child starts with the parent's table
    void process_gone(int pid);

    // strace -yy's rendering: "3<TCP:[127.0.0.1:40001->127.0.0.1:8080]>", "3</etc/hosts>",
    // plain "3" when the fd is unknown (closed, or not readable).
    std::string fd_text(int pid, int64_t fd);
    // -x/-xx: unix socket names in fd_text are quoted in hex as strace quotes them.
    void set_hex(DecodeOptions::Hex hex) { hex_ = hex; }

private:
    using Table = std::unordered_map<int, FdKind>;
    std::map<int, Table> processes_;
    std::unique_ptr<FdKindSource> source_;
    DecodeOptions::Hex hex_ = DecodeOptions::Hex::none;
};

}  // namespace netlens::trace
