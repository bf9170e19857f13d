// Records raw sock_diag dump replies (TCP over IPv4 and IPv6 with tcp_info, congestion
// and memory attributes; UDP; UNIX with names, peers and queues) from the current
// network namespace into seed files for the sock_diag fuzzer. Not part of the build:
// compile by hand and run in a namespace holding a few sockets (fuzz/README.md).
//
//   g++ -std=c++20 -O2 -o /tmp/record_sock_diag fuzz/record_sock_diag.cc -lmnl
//   /tmp/record_sock_diag OUTPUT_DIR
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr size_t kMaxSeedBytes = 64 * 1024 - 1;

struct Dump {
    const char* file;
    uint8_t family;
    uint8_t protocol;
};

bool record(mnl_socket* socket, const Dump& dump, unsigned sequence, std::vector<uint8_t>& out) {
    std::vector<char> request(MNL_SOCKET_BUFFER_SIZE);
    nlmsghdr* header = mnl_nlmsg_put_header(request.data());
    header->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    header->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    header->nlmsg_seq = sequence;
    if (dump.family == AF_UNIX) {
        auto* req = static_cast<unix_diag_req*>(mnl_nlmsg_put_extra_header(header, sizeof(unix_diag_req)));
        req->sdiag_family = AF_UNIX;
        req->udiag_states = ~0U;
        req->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID | UDIAG_SHOW_MEMINFO;
    } else {
        auto* req = static_cast<inet_diag_req_v2*>(mnl_nlmsg_put_extra_header(header, sizeof(inet_diag_req_v2)));
        req->sdiag_family = dump.family;
        req->sdiag_protocol = dump.protocol;
        req->idiag_states = ~0U;
        req->idiag_ext = (1U << (INET_DIAG_INFO - 1)) | (1U << (INET_DIAG_CONG - 1)) |
                         (1U << (INET_DIAG_SKMEMINFO - 1));
    }
    if (mnl_socket_sendto(socket, header, header->nlmsg_len) < 0) return false;
    std::vector<char> buffer(64 * 1024);
    while (true) {
        const ssize_t n = mnl_socket_recvfrom(socket, buffer.data(), buffer.size());
        if (n <= 0) return false;
        int remaining = static_cast<int>(n);
        for (auto* m = reinterpret_cast<const nlmsghdr*>(buffer.data()); mnl_nlmsg_ok(m, remaining);
             m = mnl_nlmsg_next(m, &remaining)) {
            if (out.size() + m->nlmsg_len > kMaxSeedBytes) return true;
            const auto* bytes = reinterpret_cast<const uint8_t*>(m);
            out.insert(out.end(), bytes, bytes + m->nlmsg_len);
            if (m->nlmsg_type == NLMSG_DONE || m->nlmsg_type == NLMSG_ERROR) return true;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    mnl_socket* socket = mnl_socket_open(NETLINK_SOCK_DIAG);
    if (socket == nullptr || mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        std::perror("netlink");
        return 1;
    }
    const Dump dumps[] = {{"tcp4", AF_INET, IPPROTO_TCP},
                          {"tcp6", AF_INET6, IPPROTO_TCP},
                          {"udp4", AF_INET, IPPROTO_UDP},
                          {"unix", AF_UNIX, 0}};
    unsigned sequence = 1;
    for (const auto& dump : dumps) {
        std::vector<uint8_t> bytes;
        if (!record(socket, dump, sequence++, bytes)) {
            std::fprintf(stderr, "%s: dump failed\n", dump.file);
            return 1;
        }
        std::ofstream(std::string(argv[1]) + "/" + dump.file, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    mnl_socket_close(socket);
    return 0;
}
