// The flags of INET_DIAG_SOCKOPT (struct inet_diag_sockopt) by name, in the order ss
// 6.1 prints them with --inet-sockopt: "inet-sockopt: ( is_icsk mc_loop)". Text uses
// ss's spelling (bind_addr_no_port), JSON the kernel's field names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netlens::sockets {

// "inet-sockopt: ( recverr freebind)"; "inet-sockopt: ()" when no flag is set.
std::string inet_sockopt_text(uint16_t flags);
// The kernel's names of the flags that are set: {"is_icsk", "mc_loop"}.
std::vector<std::string> inet_sockopt_names(uint16_t flags);

}  // namespace netlens::sockets
