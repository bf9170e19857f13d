// sock_diag dump requests: one per (protocol, address family), with the state mask and
// any filter bytecode pushed into the kernel so unwanted sockets never cross into user
// space, and the extensions (-i tcp_info, -m memory) asked for only when wanted.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "netlink/channel.h"
#include "sockets/model.h"

namespace netlens::sockets {

struct DiagRequest {
    Protocol protocol = Protocol::tcp;  // any UNIX protocol dumps UNIX sockets of every type
    int family = 0;               // AF_INET or AF_INET6 (ignored for UNIX)
    uint32_t state_mask = kAllStates;
    bool tcp_info = false;        // INET_DIAG_INFO + INET_DIAG_CONG
    bool memory = false;          // INET_DIAG_SKMEMINFO / UNIX_DIAG_MEMINFO
    std::vector<uint8_t> bytecode;  // INET_DIAG_REQ_BYTECODE; empty for none
    bool tos = false;             // --tos: INET_DIAG_TOS + INET_DIAG_TCLASS (which brings CLASS_ID)
    bool unix_details = false;    // -e: UNIX_DIAG_VFS + UNIX_DIAG_ICONS
};

// The SOCK_DIAG_BY_FAMILY dump request for `request`, built into `buffer`. Fails with
// ExitCode::usage when the filter bytecode is larger than one netlink attribute holds.
Result<netlink::Done> build_diag_request(netlink::RequestBuffer& buffer, const DiagRequest& request);

// Calls `sink` for every socket the kernel returns. Errors name the protocol and family;
// messages that cannot be decoded are counted into `diagnosis` as damage (exit 3).
Result<netlink::Done> dump_sockets(netlink::Channel& socket, const DiagRequest& request,
                                   const std::function<void(Socket&&)>& sink, Diagnosis& diagnosis);

// Sends `request` (a SOCK_DIAG_BY_FAMILY dump) and hands every reply `decode` makes
// sense of to `sink`; the others are counted into `diagnosis` as damage, under `what`.
Result<netlink::Done> dump_decoded(netlink::Channel& socket, nlmsghdr* request, const std::string& what,
                                   const std::function<std::optional<Socket>(const nlmsghdr*)>& decode,
                                   const std::function<void(Socket&&)>& sink, Diagnosis& diagnosis);

// "tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "mptcp", "p_raw", "p_dgr", "nl"
const char* protocol_name(Protocol protocol);
bool is_unix(Protocol protocol);
bool is_packet(Protocol protocol);
// IPPROTO_TCP, _UDP, _RAW for an inet protocol (IPPROTO_TCP for MPTCP, whose number
// travels in an attribute)
uint8_t ip_protocol(Protocol protocol);
inline constexpr uint32_t kIpProtoMptcp = 262;  // IPPROTO_MPTCP

}  // namespace netlens::sockets
