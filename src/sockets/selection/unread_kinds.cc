#include "sockets/selection/unread_kinds.h"

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>

namespace netlens::sockets {

namespace {

// What to ask the kernel to learn whether it can report a kind: the address family,
// and for inet kinds the protocol.
struct Probe {
    SocketKind kind;
    int family;
    uint32_t protocol;  // inet kinds; 0 otherwise
};

constexpr Probe kProbes[] = {
    {SocketKind::dccp, AF_INET, IPPROTO_DCCP},
    {SocketKind::sctp, AF_INET, IPPROTO_SCTP},
    {SocketKind::vsock_stream, AF_VSOCK, 0},
    {SocketKind::vsock_dgram, AF_VSOCK, 0},
    {SocketKind::tipc, AF_TIPC, 0},
    {SocketKind::xdp, AF_XDP, 0},
};

const Probe* probe_for(SocketKind kind) {
    for (const auto& probe : kProbes) {
        if (probe.kind == kind) return &probe;
    }
    return nullptr;
}

// A dump request of the kind's family. Every family's request starts with family and
// protocol bytes and is no longer than inet_diag_req_v2, whose zeroed body they accept
// (a zero state mask or protocol at most dumps nothing).
Result<netlink::Done> ask_kernel(netlink::Channel& diag, const Probe& probe) {
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* request = buffer.put_extra_header<inet_diag_req_v2>(header);
    request->sdiag_family = static_cast<uint8_t>(probe.family);
    request->sdiag_protocol = static_cast<uint8_t>(probe.protocol);
    return diag.dump(header, [](const nlmsghdr*) {}, std::string(kind_name(probe.kind)) + " socket dump", [] {});
}

}  // namespace

std::vector<SocketKind> unread_kinds(const SocketSelection& selection) {
    std::vector<SocketKind> kinds;
    for (const auto& probe : kProbes) {
        if (selection.named(probe.kind)) kinds.push_back(probe.kind);
    }
    return kinds;
}

void report_unread_kinds(netlink::Channel& diag, const std::vector<SocketKind>& kinds, Diagnosis& diagnosis) {
    for (const SocketKind kind : kinds) {
        const Probe* probe = probe_for(kind);
        if (probe == nullptr) continue;
        const auto answer = ask_kernel(diag, *probe);
        // An empty answer does not prove the kernel has them: for a missing inet
        // protocol (DCCP, SCTP) some kernels answer an empty dump instead of ENOENT.
        const std::string reason = answer ? "not implemented yet"
                                          : "the kernel has no " + std::string(kind_name(kind)) +
                                                " socket diagnostics: " + answer.error().message;
        diagnosis.skip("socket table", kind_name(kind), reason);
    }
}

}  // namespace netlens::sockets
