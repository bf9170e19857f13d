#include "sockets/diag/netlink_diag.h"

#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "netlink/attributes.h"
#include "sockets/diag/diag_decode.h"
#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

namespace {

constexpr uint8_t kNetlinkConnected = 1;  // NETLINK_CONNECTED in the kernel's af_netlink.h

// The first word of the group bitmap (the kernel sends whole longs, any number of them).
uint64_t first_groups(const nlattr* attribute) {
    const auto bytes = netlink::read_bytes(attribute);
    uint64_t groups = 0;
    if (bytes.empty()) return groups;  // absent: no pointer to copy from
    std::memcpy(&groups, bytes.data(), std::min(bytes.size(), sizeof(groups)));
    return groups;
}

}  // namespace

std::optional<Socket> decode_netlink_socket(const nlmsghdr* message) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(netlink_diag_msg)) return std::nullopt;
    const auto* msg = static_cast<const netlink_diag_msg*>(mnl_nlmsg_get_payload(message));
    netlink::AttributeIndex attributes;
    if (msg->ndiag_family != AF_NETLINK || !attributes.parse(message, sizeof(netlink_diag_msg))) return std::nullopt;
    // ss shows every netlink socket as UNCONN.
    Socket socket =
        stateless_socket(Protocol::netlink, AF_NETLINK, msg->ndiag_protocol, msg->ndiag_ino, msg->ndiag_cookie);
    auto details = std::make_shared<NetlinkDetails>();
    details->netlink_protocol = msg->ndiag_protocol;
    details->port_id = static_cast<int32_t>(msg->ndiag_portid);
    details->connected = msg->ndiag_state == kNetlinkConnected;
    details->peer_port_id = static_cast<int32_t>(msg->ndiag_dst_portid);
    details->peer_group = msg->ndiag_dst_group;
    details->groups = first_groups(attributes.get(NETLINK_DIAG_GROUPS));
    socket.memory = decode_memory(attributes.get(NETLINK_DIAG_MEMINFO));
    // ss's queues are the memory in use each way.
    if (socket.memory) {
        socket.recv_q = socket.memory->rmem_alloc;
        socket.send_q = socket.memory->wmem_alloc;
    }
    socket.netlink = std::move(details);
    return socket;
}

void name_netlink_owner(source::Source& source, Socket& socket) {
    if (!socket.netlink || socket.netlink->port_id <= 0) return;
    const auto stat = source::read_text(source, "/proc/" + std::to_string(socket.netlink->port_id) + "/stat");
    if (!stat) return;
    // "413 (python3) S ...": ss takes the name up to the first ')'.
    const size_t open = stat->find('(');
    const size_t close = open == std::string::npos ? open : stat->find(')', open + 1);
    if (close == std::string::npos || close == open + 1) return;
    socket.netlink->owner_command = stat->substr(open + 1, close - open - 1);
}

Result<netlink::Done> dump_netlink_sockets(netlink::Channel& diag, const std::function<void(Socket&&)>& sink,
                                           Diagnosis& diagnosis) {
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* request = buffer.put_extra_header<netlink_diag_req>(header);
    request->sdiag_family = AF_NETLINK;
    request->sdiag_protocol = NDIAG_PROTO_ALL;
    request->ndiag_show = NDIAG_SHOW_GROUPS | NDIAG_SHOW_MEMINFO;
    return dump_decoded(diag, buffer.message(), "netlink socket dump", decode_netlink_socket, sink, diagnosis);
}

}  // namespace netlens::sockets
