// /proc/net/raw and raw6 (the same layout as /proc/net/udp and udp6): one line per
// socket, as ss reads them when the kernel has no sock_diag support for the protocol.
//
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
//    1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 20375 2 000000003c6d1a3c 0
//
// Addresses are printed as 32-bit words in host byte order (%08X of the kernel's
// big-endian value), so each word is read back as a native integer to restore the bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/ip_address.h"

namespace netlens::proc {

struct InetSocketLine {
    IpAddress local;
    uint16_t local_port = 0;  // for RAW sockets: the IP protocol number
    IpAddress remote;
    uint16_t remote_port = 0;
    uint8_t state = 0;        // TCP_* numbering (7 = TCP_CLOSE, UNCONN)
    uint32_t tx_queue = 0;
    uint32_t rx_queue = 0;
    uint32_t uid = 0;
    uint64_t inode = 0;
};

// Lines that do not parse are left out; the first one is named (1-based, the header is
// line 1) so a caller can report partial results.
struct InetSocketTable {
    std::vector<InetSocketLine> sockets;
    size_t bad_lines = 0;
    std::optional<size_t> first_bad_line;
};

// `family` is AF_INET (raw, udp) or AF_INET6 (raw6, udp6): it fixes the address width.
InetSocketTable parse_inet_socket_table(std::string_view text, int family);

}  // namespace netlens::proc
