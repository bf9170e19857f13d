// The target of a /proc/PID/fd/N link says what the descriptor refers to. For a socket
// it reads "socket:[INODE]", and INODE is the same number sock_diag reports, which is
// how a socket row is matched to the processes holding it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace netlens::proc {

// The inode of a "socket:[12345]" link target; nullopt for anything else: files, pipes
// ("pipe:[7]"), anonymous inodes ("anon_inode:[eventfd]"), truncated or malformed text.
std::optional<uint64_t> parse_socket_link(std::string_view target);

}  // namespace netlens::proc
