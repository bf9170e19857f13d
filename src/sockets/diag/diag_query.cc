#include "sockets/diag/diag_query.h"

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <optional>

#include "sockets/diag/diag_decode.h"

namespace netlens::sockets {

uint8_t ip_protocol(Protocol protocol) {
    switch (protocol) {
        case Protocol::udp: return IPPROTO_UDP;
        case Protocol::raw: return IPPROTO_RAW;
        // MPTCP (262) does not fit the request's byte: it goes in INET_DIAG_REQ_PROTOCOL.
        default: return IPPROTO_TCP;
    }
}

bool is_unix(Protocol protocol) {
    return protocol == Protocol::unix_stream || protocol == Protocol::unix_dgram ||
           protocol == Protocol::unix_seqpacket;
}

bool is_packet(Protocol protocol) { return protocol == Protocol::packet_raw || protocol == Protocol::packet_dgram; }

namespace {

Result<netlink::Done> build_inet_request(netlink::RequestBuffer& buffer, const DiagRequest& request) {
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
        req->idiag_ext |= 1U << (INET_DIAG_VEGASINFO - 1);
    }
    if (request.tos) {
        req->idiag_ext |= 1U << (INET_DIAG_TOS - 1);
        req->idiag_ext |= 1U << (INET_DIAG_TCLASS - 1);
    }
    if (request.memory) req->idiag_ext |= 1U << (INET_DIAG_SKMEMINFO - 1);
    if (!request.bytecode.empty() && !buffer.put_attribute(INET_DIAG_REQ_BYTECODE, request.bytecode)) {
        return Error{ExitCode::usage, "filter: compiled to " + std::to_string(request.bytecode.size()) +
                                                " bytes of socket filter, more than the kernel takes (" +
                                                std::to_string(netlink::kMaxAttributePayload) +
                                                "); use fewer terms or prefixes such as dst 10.0.0.0/24"};
    }
    if (request.protocol == Protocol::mptcp) return buffer.put_u32(INET_DIAG_REQ_PROTOCOL, kIpProtoMptcp);
    return netlink::Done{};
}

void build_unix_request(netlink::RequestBuffer& buffer, const DiagRequest& request) {
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* req = buffer.put_extra_header<unix_diag_req>(header);
    req->sdiag_family = AF_UNIX;
    req->udiag_states = request.state_mask;
    req->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID;
    if (request.memory) req->udiag_show |= UDIAG_SHOW_MEMINFO;
    if (request.unix_details) req->udiag_show |= UDIAG_SHOW_VFS | UDIAG_SHOW_ICONS;
}

}  // namespace

Result<netlink::Done> build_diag_request(netlink::RequestBuffer& buffer, const DiagRequest& request) {
    if (!is_unix(request.protocol)) return build_inet_request(buffer, request);
    build_unix_request(buffer, request);
    return netlink::Done{};
}

const char* protocol_name(Protocol protocol) {
    switch (protocol) {
        case Protocol::tcp: return "tcp";
        case Protocol::udp: return "udp";
        case Protocol::raw: return "raw";
        case Protocol::unix_stream: return "u_str";
        case Protocol::unix_dgram: return "u_dgr";
        case Protocol::unix_seqpacket: return "u_seq";
        case Protocol::mptcp: return "mptcp";
        case Protocol::packet_raw: return "p_raw";
        case Protocol::packet_dgram: return "p_dgr";
        case Protocol::netlink: return "nl";
    }
    return "?";
}

Result<netlink::Done> dump_decoded(netlink::Channel& socket, nlmsghdr* request, const std::string& what,
                                   const std::function<std::optional<Socket>(const nlmsghdr*)>& decode,
                                   const std::function<void(Socket&&)>& sink, Diagnosis& diagnosis) {
    // sock_diag dumps are consistent per hash bucket only, so an interrupted dump is not
    // flagged; nothing to drop on restart.
    size_t undecodable = 0;
    auto done = socket.dump(
        request,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
            if (auto decoded = decode(message)) {
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

Result<netlink::Done> dump_sockets(netlink::Channel& socket, const DiagRequest& request,
                                   const std::function<void(Socket&&)>& sink, Diagnosis& diagnosis) {
    const bool unix_socket = is_unix(request.protocol);
    netlink::RequestBuffer buffer;
    auto built = build_diag_request(buffer, request);
    if (!built) return built.error();
    const std::string what = std::string(protocol_name(request.protocol)) + " socket dump" +
                             (unix_socket ? "" : request.family == AF_INET ? " (IPv4)" : " (IPv6)");
    return dump_decoded(
        socket, buffer.message(), what,
        [&](const nlmsghdr* message) {
            return unix_socket ? decode_unix_socket(message) : decode_inet_socket(message, request.protocol);
        },
        sink, diagnosis);
}

}  // namespace netlens::sockets
