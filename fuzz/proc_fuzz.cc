// Feeds the input to every parser of /proc and /proc/sys text: sockstat, the port range
// and reserved-port sysctls, integers, fd link targets, comm and numeric names.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "proc/comm.h"
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
    (void)netlens::proc::parse_numeric_name(text);
    return 0;
}
