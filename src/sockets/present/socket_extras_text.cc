#include "sockets/present/socket_extras_text.h"

#include <sys/socket.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdio>

#include "sockets/diag/diag_query.h"
#include "sockets/present/mptcp_info_text.h"
#include "sockets/present/inet_sockopt_text.h"
#include "sockets/present/tcp_info_text.h"

namespace netlens::sockets {

namespace {

std::string hex_text(uint64_t value, const char* format) {
    char text[40];
    std::snprintf(text, sizeof(text), format, static_cast<unsigned long long>(value));
    return text;
}

// " <->": whether each direction is still open ('<' receives, '>' sends).
std::string shutdown_text(uint8_t mask) {
    return std::string(" ") + ((mask & 1) ? '-' : '<') + '-' + ((mask & 2) ? '-' : '>');
}

void append_inet_details(std::string& out, const Socket& socket, CgroupPaths& cgroups) {
    if (socket.uid != 0) out += " uid:" + std::to_string(socket.uid);
    out += " ino:" + std::to_string(static_cast<uint32_t>(socket.inode));
    out += " sk:" + hex_text(socket.cookie, "%llx");
    if (socket.mark.value_or(0) != 0) out += " fwmark:" + hex_text(*socket.mark, "0x%llx");
    if (socket.cgroup_id.value_or(0) != 0) out += " cgroup:" + cgroups.path(*socket.cgroup_id);
    if (socket.local.address.family == AF_INET6 && socket.v6only) out += " v6only:" + std::to_string(*socket.v6only);
    if (socket.shutdown) out += shutdown_text(*socket.shutdown);
}

void append_unix_details(std::string& out, const Socket& socket) {
    if (socket.shutdown) out += shutdown_text(*socket.shutdown);
    if (socket.unix_vfs_inode) {
        out += " ino:" + std::to_string(*socket.unix_vfs_inode) + " dev:" + std::to_string(major(socket.unix_vfs_dev)) +
               "/" + std::to_string(minor(socket.unix_vfs_dev));
    }
    if (!socket.unix_pending_peers.empty()) {
        out += " peers:";
        for (const uint32_t peer : socket.unix_pending_peers) out += " " + std::to_string(peer);
    }
}

void append_tos(std::string& out, const Socket& socket) {
    // printf's "%#x" writes 0 as "0", not "0x0".
    if (socket.tos) out += " tos:" + hex_text(*socket.tos, "%#llx");
    if (socket.tclass) out += " tclass:" + hex_text(*socket.tclass, "%#llx");
    if (socket.class_id) out += " class_id:" + hex_text(*socket.class_id, "%#llx");
}

}  // namespace

std::string countdown_text(uint32_t ms) {
    const uint32_t minutes = ms / 1000 / 60;
    uint32_t seconds = ms / 1000 % 60;
    uint32_t millis = ms % 1000;
    std::string text;
    // Precision drops as the countdown grows: minutes hide milliseconds, ten minutes
    // hide seconds too, and ten seconds hide milliseconds.
    if (minutes) {
        millis = 0;
        text += std::to_string(minutes) + "min";
        if (minutes > 9) seconds = 0;
    }
    if (seconds) {
        if (seconds > 9) millis = 0;
        text += std::to_string(seconds) + (millis ? "." : "sec");
    }
    if (millis) {
        char digits[8];
        std::snprintf(digits, sizeof(digits), "%03u", millis);
        text += digits;
        text += "ms";
    }
    return text;
}

const char* timer_name(uint8_t timer) {
    static constexpr const char* kNames[] = {"off", "on", "keepalive", "timewait", "persist", "unknown"};
    return kNames[std::min<uint8_t>(timer, 5)];
}

std::string timer_text(uint8_t timer, uint32_t expires_ms, uint8_t retransmits) {
    if (timer == 0) return "";
    return std::string("timer:(") + timer_name(timer) + "," + countdown_text(expires_ms) + "," +
           std::to_string(retransmits) + ")";
}

std::string memory_text(const SocketMemory& m) {
    std::string text = "skmem:(r" + std::to_string(m.rmem_alloc) + ",rb" + std::to_string(m.rcvbuf) + ",t" +
                       std::to_string(m.wmem_alloc) + ",tb" + std::to_string(m.sndbuf) + ",f" +
                       std::to_string(m.fwd_alloc) + ",w" + std::to_string(m.wmem_queued) + ",o" +
                       std::to_string(m.optmem);
    // Older kernels send fewer values; ss prints what came.
    if (m.fields > 7) text += ",bl" + std::to_string(m.backlog);
    if (m.fields > 8) text += ",d" + std::to_string(m.drops);
    return text + ")";
}

std::string users_text(const std::vector<ProcessRef>& processes) {
    if (processes.empty()) return "";
    // ss finds holders walking /proc upwards and lists the last found first.
    std::string text = " users:(";
    for (auto p = processes.rbegin(); p != processes.rend(); ++p) {
        if (p != processes.rbegin()) text += ",";
        text += "(\"" + p->command + "\",pid=" + std::to_string(p->pid);
        if (p->tid != 0) text += ",tid=" + std::to_string(p->tid);  // -T
        text += ",fd=" + std::to_string(p->fd) + ")";
    }
    return text + ")";
}

std::string row_extras_text(const Socket& socket, const ExtrasOptions& options, CgroupPaths& cgroups) {
    std::string out;
    if (options.processes || options.threads) out += users_text(socket.processes);
    if (is_unix(socket.protocol)) {
        if (options.memory && socket.memory) out += " " + memory_text(*socket.memory);
        if (options.extended) append_unix_details(out, socket);
        return out;
    }
    if (options.timers) {
        if (const std::string timer = timer_text(socket.timer, socket.timer_expires_ms, socket.timer_retransmits);
            !timer.empty()) {
            out += " " + timer;
        }
    }
    if (options.extended) append_inet_details(out, socket, cgroups);
    if (options.tos) append_tos(out, socket);
    if (options.cgroup && socket.cgroup_id) out += " cgroup:" + cgroups.path(*socket.cgroup_id);
    if (options.inet_sockopt && options.oneline && socket.inet_sockopt) out += " " + inet_sockopt_text(*socket.inet_sockopt);
    return out;
}

std::string inet_sockopt_line(const Socket& socket, const ExtrasOptions& options) {
    if (!options.inet_sockopt || options.oneline || !socket.inet_sockopt || is_unix(socket.protocol)) return "";
    return "\t" + inet_sockopt_text(*socket.inet_sockopt);
}

bool detail_text(const Socket& socket, const ExtrasOptions& options, std::string& text) {
    text.clear();
    if (is_unix(socket.protocol)) return false;
    if (!options.memory && !(options.tcp_info && socket.protocol != Protocol::udp)) return false;
    if (socket.memory) text += " " + memory_text(*socket.memory);
    if (socket.mptcp_info) append_mptcp_info_text(text, *socket.mptcp_info);
    if (socket.tcp_info) {
        append_tcp_info_text(text, *socket.tcp_info, socket.state, {options.timers || options.extended, options.numeric});
    }
    return true;
}

}  // namespace netlens::sockets
