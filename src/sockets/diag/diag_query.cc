#include "sockets/diag/diag_query.h"

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "sockets/diag/diag_decode.h"

namespace netlens::sockets {

uint8_t ip_protocol(Protocol protocol) {
    switch (protocol) {
        case Protocol::udp: return IPPROTO_UDP;
        case Protocol::raw: return IPPROTO_RAW;
        default: return IPPROTO_TCP;
    }
}

bool is_unix(Protocol protocol) {
    return protocol == Protocol::unix_stream || protocol == Protocol::unix_dgram ||
           protocol == Protocol::unix_seqpacket;
}

namespace {

nlmsghdr* build_inet_request(netlink::RequestBuffer& buffer, const DiagRequest& request) {
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* req = buffer.put_extra_header<inet_diag_req_v2>(header);
    req->sdiag_family = static_cast<uint8_t>(request.family);
    req->sdiag_protocol = ip_protocol(request.protocol);
    req->idiag_states = request.state_mask;
    // For raw sockets the padding byte selects the raw protocol; IPPROTO_RAW means all.
    if (request.protocol == Protocol::raw) req->pad = IPPROTO_RAW;
    if (request.tcp_info) {
        req->idiag_ext |= 1U << (INET_DIAG_INFO - 1);
        req->idiag_ext |= 1U << (INET_DIAG_CONG - 1);
    }
    if (request.memory) req->idiag_ext |= 1U << (INET_DIAG_SKMEMINFO - 1);
    if (!request.bytecode.empty()) {
        mnl_attr_put(header, INET_DIAG_REQ_BYTECODE, request.bytecode.size(), request.bytecode.data());
    }
    return header;
}

nlmsghdr* build_unix_request(netlink::RequestBuffer& buffer, const DiagRequest& request) {
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* req = buffer.put_extra_header<unix_diag_req>(header);
    req->sdiag_family = AF_UNIX;
    req->udiag_states = request.state_mask;
    req->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID;
    if (request.memory) req->udiag_show |= UDIAG_SHOW_MEMINFO;
    return header;
}

}  // namespace

const char* protocol_name(Protocol protocol) {
    switch (protocol) {
        case Protocol::tcp: return "tcp";
        case Protocol::udp: return "udp";
        case Protocol::raw: return "raw";
        case Protocol::unix_stream: return "u_str";
        case Protocol::unix_dgram: return "u_dgr";
        case Protocol::unix_seqpacket: return "u_seq";
    }
    return "?";
}

Result<netlink::Done> dump_sockets(netlink::Channel& socket, const DiagRequest& request,
                                   const std::function<void(Socket&&)>& sink, Diagnosis& diagnosis) {
    netlink::RequestBuffer buffer;
    const bool unix_socket = is_unix(request.protocol);
    nlmsghdr* header = unix_socket ? build_unix_request(buffer, request) : build_inet_request(buffer, request);
    const std::string what = std::string(protocol_name(request.protocol)) + " socket dump" +
                             (unix_socket ? "" : request.family == AF_INET ? " (IPv4)" : " (IPv6)");
    // sock_diag dumps are consistent per hash bucket only, so an interrupted dump is not
    // flagged; nothing to drop on restart.
    size_t undecodable = 0;
    auto done = socket.dump(
        header,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
            auto decoded = unix_socket ? decode_unix_socket(message) : decode_inet_socket(message, request.protocol);
            if (decoded) {
                sink(std::move(*decoded));
            } else {
                ++undecodable;
            }
        },
        what, [] {});
    if (done && undecodable > 0) {
        diagnosis.damaged("socket dump", what + ": " + std::to_string(undecodable) +
                                             " message(s) could not be decoded and are left out");
    }
    return done;
}

}  // namespace netlens::sockets
