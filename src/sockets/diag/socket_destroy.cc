#include "sockets/diag/socket_destroy.h"

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>

#include <array>
#include <cstring>
#include <string>

#include "core/capabilities.h"
#include "netlink/attributes.h"
#include "netlink/channel.h"
#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

namespace {

void put_address(uint32_t (&out)[4], const IpAddress& address) {
    std::memcpy(out, address.bytes.data(), address.size());
}

// The kernel's answer to one request: 0 for an ack, else the errno. Replies that are
// not the ack of this request (a late multicast, another sequence) are passed over.
Result<int> answer_of(netlink::Transport& diag, uint32_t sequence) {
    while (true) {
        auto datagram = diag.receive();
        if (!datagram) return datagram.error();
        if (datagram->err != 0) return datagram->err;
        const std::span<const uint8_t> bytes{reinterpret_cast<const uint8_t*>(datagram->bytes.data()),
                                             datagram->bytes.size()};
        std::optional<int> answer;
        netlink::for_each_message(bytes, [&](const nlmsghdr* message) {
            if (message->nlmsg_type != NLMSG_ERROR || message->nlmsg_seq != sequence) return;
            if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(nlmsgerr)) return;
            answer = -static_cast<const nlmsgerr*>(mnl_nlmsg_get_payload(message))->error;
        });
        if (answer) return *answer;
    }
}

}  // namespace

Result<DestroyOutcome> destroy_socket(netlink::Transport& diag, const Socket& socket) {
    // SOCK_DESTROY reaches TCP, UDP and RAW sockets only (MPTCP's number does not fit
    // the request's protocol byte).
    if (is_unix(socket.protocol) || socket.packet || socket.netlink || socket.protocol == Protocol::mptcp) {
        return DestroyOutcome::not_closable;
    }
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DESTROY, NLM_F_ACK);
    // One request at a time, each answered before the next: any sequence number will do.
    header->nlmsg_seq = 1;
    auto* request = buffer.put_extra_header<inet_diag_req_v2>(header);
    request->sdiag_family = static_cast<uint8_t>(socket.local.address.family);
    request->sdiag_protocol = ip_protocol(socket.protocol);
    if (socket.protocol == Protocol::raw) request->pad = IPPROTO_RAW;
    request->id.idiag_sport = htons(socket.local.port);
    request->id.idiag_dport = htons(socket.peer.port);
    put_address(request->id.idiag_src, socket.local.address);
    put_address(request->id.idiag_dst, socket.peer.address);
    request->id.idiag_if = socket.local.scope_ifindex;
    request->id.idiag_cookie[0] = static_cast<uint32_t>(socket.cookie);
    request->id.idiag_cookie[1] = static_cast<uint32_t>(socket.cookie >> 32);

    const std::string what = std::string("closing ") + protocol_name(socket.protocol) + " socket (SOCK_DESTROY)";
    auto sent = diag.send(header);
    if (!sent) return Error{sent.error().code, what + ": " + sent.error().message};
    const auto answer = *sent != 0 ? Result<int>(*sent) : answer_of(diag, header->nlmsg_seq);
    if (!answer) return Error{answer.error().code, what + ": " + answer.error().message};
    switch (*answer) {
        case 0: return DestroyOutcome::closed;
        case EOPNOTSUPP: return DestroyOutcome::not_closable;
        case ENOENT: return DestroyOutcome::gone;
        case EPERM:
        case EACCES: return Error{ExitCode::permission, what + ": " + errno_text(*answer) + " (" + needs(Capability::net_admin) + ")"};
        default: return Error{ExitCode::failure, what + ": " + errno_text(*answer)};
    }
}

Result<SocketKiller> SocketKiller::open(source::Source& source, bool kill) {
    if (!kill) return SocketKiller(nullptr);
    if (!has_capability(Capability::net_admin)) {
        return Error{ExitCode::permission, "-K: closing sockets " + needs(Capability::net_admin)};
    }
    auto diag = source.open_netlink(NETLINK_SOCK_DIAG);
    if (!diag) return diag.error();
    return SocketKiller(std::move(*diag));
}

bool SocketKiller::passes(const Socket& socket) {
    if (!diag_) return true;
    if (error_) return false;
    auto outcome = destroy_socket(*diag_, socket);
    if (!outcome) {
        error_ = outcome.error();
        return false;
    }
    if (*outcome == DestroyOutcome::not_closable) ++not_closable_;
    return *outcome == DestroyOutcome::closed;
}

std::optional<Error> SocketKiller::finish(Diagnosis& diagnosis) const {
    if (error_) return error_;
    if (not_closable_ > 0) {
        diagnosis.skip("socket kill", std::to_string(not_closable_) +
                                          " matching socket(s) of a kind the kernel cannot close (UNIX, or RAW "
                                          "without raw_diag) were left open and are not shown");
    }
    return std::nullopt;
}

}  // namespace netlens::sockets
