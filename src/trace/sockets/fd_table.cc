#include "trace/sockets/fd_table.h"

#include <climits>

#include "trace/sockets/socket_text.h"

namespace netlens::trace {

FdTable::FdTable() : source_(std::make_unique<SocketResolver>()) {}

const FdKind& FdTable::kind(int pid, int fd) {
    static const FdKind kUnknown;
    auto process = processes_.find(pid);
    if (process != processes_.end()) {
        auto found = process->second.find(fd);
        if (found != process->second.end()) return found->second;
    }
    FdKind resolved = source_->resolve(pid, fd);
    // Nothing is kept for an fd (or a process) the source does not know.
    if (!resolved.known()) return kUnknown;
    return processes_[pid].insert_or_assign(fd, std::move(resolved)).first->second;
}

void FdTable::forget(int pid, int fd) {
    auto process = processes_.find(pid);
    if (process != processes_.end()) process->second.erase(fd);
}

void FdTable::created_socket(int pid, int fd, const NewSocket& made) {
    forget(pid, fd);
    FdKind resolved = source_->resolve_new_socket(pid, fd, made);
    if (resolved.known()) processes_[pid].insert_or_assign(fd, std::move(resolved));
}

void FdTable::changed(int pid, int fd) { forget(pid, fd); }

void FdTable::dup(int pid, int from, int to) {
    Table& table = processes_[pid];
    auto found = table.find(from);
    if (found == table.end()) {
        table.erase(to);  // resolved when next asked
        return;
    }
    FdKind copy = found->second;
    table.insert_or_assign(to, std::move(copy));
}

void FdTable::exec(int pid) {
    auto process = processes_.find(pid);
    if (process != processes_.end()) process->second.clear();
}

void FdTable::fork(int parent, int child) {
    auto process = processes_.find(parent);
    Table copy = process != processes_.end() ? process->second : Table{};
    processes_.insert_or_assign(child, std::move(copy));
}

void FdTable::process_gone(int pid) {
    processes_.erase(pid);
    source_->forget_process(pid);
}

std::string FdTable::fd_text(int pid, int64_t fd) {
    std::string number = std::to_string(fd);
    if (fd < 0 || fd > INT_MAX) return number;
    const FdKind& found = kind(pid, static_cast<int>(fd));
    if (found.socket) return number + "<" + socket_text(*found.socket, hex_) + ">";
    if (!found.path.empty()) return number + "<" + found.path + ">";
    return number;
}

}  // namespace netlens::trace
