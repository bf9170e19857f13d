#include "sockets/events/event_decode.h"

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>

#include "netlink/attributes.h"
#include "sockets/diag/diag_decode.h"

namespace netlens::sockets {

std::optional<Socket> decode_socket_event(const nlmsghdr* message) {
    if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return std::nullopt;
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(inet_diag_msg)) return std::nullopt;
    netlink::AttributeIndex attributes;
    if (!attributes.parse(message, sizeof(inet_diag_msg))) return std::nullopt;
    switch (netlink::read_u8(attributes.get(INET_DIAG_PROTOCOL)).value_or(0)) {
        case IPPROTO_TCP: return decode_inet_socket(message, Protocol::tcp);
        case IPPROTO_UDP: return decode_inet_socket(message, Protocol::udp);
        default: return std::nullopt;
    }
}

}  // namespace netlens::sockets
