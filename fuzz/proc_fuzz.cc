// Feeds the input to every parser of /proc and /proc/sys text: sockstat, the port range
// and reserved-port sysctls, integers, fd link targets, comm and numeric names, and the
// socket tables of /proc/net/raw and raw6, iproute2's name databases (/etc/iproute2) and
// an epoll descriptor's fdinfo.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string_view>

#include <sys/socket.h>

#include "proc/comm.h"
#include "proc/epoll_fdinfo.h"
#include "proc/id_name_file.h"
#include "proc/inet_socket_table.h"
#include "proc/numeric_name.h"
#include "proc/socket_link.h"
#include "proc/sockstat.h"
#include "proc/sysctl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto sockstat = netlens::proc::parse_sockstat(text);
    (void)netlens::proc::sockstat_value(sockstat.values, "TCP", "inuse");
    (void)netlens::proc::snmp_value(text, "Tcp", "CurrEstab");
    const auto range = netlens::proc::parse_port_range(text);
    (void)netlens::proc::count_reserved_ports(text, range.value_or(netlens::proc::PortRange{0, 65535}));
    (void)netlens::proc::parse_integer(text);
    (void)netlens::proc::parse_socket_link(text);
    (void)netlens::proc::parse_comm(text);
    if (netlens::proc::parse_epoll_targets(text).size() > static_cast<size_t>(std::count(data, data + size, '\n')) + 1) std::abort();
    (void)netlens::proc::parse_numeric_name(text);
    const auto names = netlens::proc::parse_id_name_file(text);
    if (names.entries.size() > static_cast<size_t>(std::count(data, data + size, '\n')) + 1) std::abort();
    for (const int family : {AF_INET, AF_INET6}) {
        const auto table = netlens::proc::parse_inet_socket_table(text, family);
        if (table.sockets.size() + table.bad_lines > static_cast<size_t>(std::count(data, data + size, '\n')) + 1) std::abort();
    }
    return 0;
}
