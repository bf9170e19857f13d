// Decoders from sock_diag replies to Socket records: inet_diag_msg (TCP, UDP, RAW over
// IPv4/IPv6) with its tcp_info, memory and congestion attributes, and unix_diag_msg.
// They read outside bytes, so every length is checked; nullopt means "not a message
// we can make sense of".
#pragma once

#include <libmnl/libmnl.h>

#include <optional>
#include <span>
#include <vector>

#include "sockets/model.h"

namespace netlens::sockets {

// `protocol` is what the request asked for: the reply does not repeat it.
std::optional<Socket> decode_inet_socket(const nlmsghdr* message, Protocol protocol);
std::optional<Socket> decode_unix_socket(const nlmsghdr* message);

// SK_MEMINFO values (INET_DIAG_SKMEMINFO and its kin in every diag family); null when absent.
std::shared_ptr<SocketMemory> decode_memory(const nlattr* attribute);

// A socket of a family without states (packet, netlink: ss shows UNCONN), its inode and
// cookie set, and `protocol_number` as the first word of its local address, where ss's
// filter looks for it.
Socket stateless_socket(Protocol protocol, int family, uint32_t protocol_number, uint32_t inode,
                        const uint32_t (&cookie)[2]);

// Every decodable SOCK_DIAG_BY_FAMILY reply in a buffer of concatenated messages (for
// replay in tests and the fuzz target); inet replies are taken as `inet_protocol`.
struct DecodedSockets {
    std::vector<Socket> sockets;
    size_t undecodable = 0;
};
DecodedSockets decode_diag_messages(std::span<const uint8_t> buffer, Protocol inet_protocol);

}  // namespace netlens::sockets
