// The system look-ups filter values need, done the way ss does them: services in
// /etc/services (getservbyname), host names through the resolver (gethostbyname2, IPv4
// then IPv6, every address), interface names in the calling namespace, and cgroup v2
// ids from file handles. Kept apart from the value grammar so that grammar stays pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ip_address.h"

namespace netlens::sockets {

// The port of a service name for the protocols shown; an error when the name is unknown
// for both or names different ports for TCP and UDP.
Result<int32_t> lookup_service_port(const std::string& name, bool tcp, bool udp);

// Every address of a host name: the IPv4 ones, then (when `family` is AF_UNSPEC) the
// IPv6 ones. The first is the one ss sends to the kernel. Empty when none resolve.
std::vector<IpAddress> lookup_host_addresses(const std::string& name, int family);

// if_nametoindex where netlens runs; 0 when there is no such interface.
uint32_t lookup_interface_index(const std::string& name);

// The cgroup v2 id of `path`: the path itself when it has a file handle of 8 bytes,
// else the path inside the cgroup2 mount.
Result<uint64_t> lookup_cgroup_id(const std::string& path);

}  // namespace netlens::sockets
