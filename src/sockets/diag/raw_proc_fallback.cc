#include "sockets/diag/raw_proc_fallback.h"

#include <sys/socket.h>

namespace netlens::sockets {

Socket raw_socket_from_proc(const proc::InetSocketLine& line) {
    Socket socket;
    socket.protocol = Protocol::raw;
    const bool known_state = line.state >= 1 && line.state <= 12;
    socket.state = known_state ? static_cast<TcpState>(line.state) : TcpState::close;
    socket.local.address = line.local;
    socket.local.port = line.local_port;
    socket.peer.address = line.remote;
    socket.peer.port = line.remote_port;
    // The kernel prints sk_wmem_alloc then sk_rmem_alloc, the numbers ss shows as
    // Send-Q and Recv-Q.
    socket.send_q = line.tx_queue;
    socket.recv_q = line.rx_queue;
    socket.uid = line.uid;
    socket.inode = line.inode;
    return socket;
}

void raw_sockets_from_proc(source::Source& source, int family, uint32_t state_mask,
                           const std::function<void(Socket&&)>& on_socket, Diagnosis& diagnosis) {
    const std::string path = family == AF_INET ? "/proc/net/raw" : "/proc/net/raw6";
    const auto text = source::read_text(source, path);
    if (!text) {
        diagnosis.skip("raw sockets", "no raw socket diagnostics in the kernel, and " + text.error().message);
        return;
    }
    const auto table = proc::parse_inet_socket_table(*text, family);
    for (const auto& line : table.sockets) {
        Socket socket = raw_socket_from_proc(line);
        if ((state_mask & state_bit(socket.state)) != 0) on_socket(std::move(socket));
    }
    if (table.first_bad_line) {
        diagnosis.damaged("socket dump", path + ": " + std::to_string(table.bad_lines) +
                                             " line(s) do not parse and are left out, the first is line " +
                                             std::to_string(*table.first_bad_line));
    }
}

}  // namespace netlens::sockets
