// The constant tables the decoders name values with, in the order strace prints them.
#pragma once

#include "trace/decode/xlat.h"

namespace netlens::trace::constants {

// Sockets (constants_socket.cc)
ConstantTable address_families();  // AF_*
ConstantTable socket_types();       // SOCK_STREAM...
ConstantTable socket_type_flags();  // SOCK_NONBLOCK, SOCK_CLOEXEC
ConstantTable ip_protocols();       // IPPROTO_*
ConstantTable netlink_protocols();  // NETLINK_*
ConstantTable ethernet_protocols(); // ETH_P_*
ConstantTable arp_hardware();       // ARPHRD_*
ConstantTable packet_types();       // PACKET_HOST...
ConstantTable message_flags();      // MSG_*
ConstantTable shutdown_modes();     // SHUT_*
ConstantTable scm_types();          // SCM_* (control messages at SOL_SOCKET)

// Socket options (constants_sockopt.cc)
ConstantTable socket_levels();    // SOL_*
ConstantTable socket_options();   // SO_*
ConstantTable tcp_options();      // TCP_*
ConstantTable ip_options();       // IP_*
ConstantTable ipv6_options();     // IPV6_*

// Files, fds and waits (constants_file.cc)
ConstantTable open_access_modes();  // O_RDONLY, O_WRONLY, O_RDWR
ConstantTable open_flags();         // O_* besides the access mode
ConstantTable fcntl_commands();     // F_*
ConstantTable fd_flags();           // FD_CLOEXEC
ConstantTable poll_events();        // POLL*
ConstantTable epoll_events();       // EPOLL*
ConstantTable epoll_ctl_ops();      // EPOLL_CTL_*
ConstantTable epoll_create_flags(); // EPOLL_CLOEXEC
ConstantTable splice_flags();       // SPLICE_F_*

}  // namespace netlens::trace::constants
