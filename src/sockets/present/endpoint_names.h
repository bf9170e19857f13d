// Names for addresses and ports as ss prints them without -n (service names) and with
// -r (host names). Each distinct port or address is looked up once per run: a table of
// 100 k sockets has a few dozen distinct ports and peers, and a lookup reads
// /etc/services or asks the resolver.
//
// ss's rules, kept here:
// - port 0 is "*"; with -n every other port is its number;
// - RAW sockets' "port" is the IP protocol: its name from /etc/protocols, else
//   "ipproto-N" (ss does this before looking at -n for the name, but -n wins);
// - ports inside the namespace's ephemeral range (ip_local_port_range, 1024-4999 when
//   unreadable) are never looked up: /etc/services names most of them for something
//   that is not running there;
// - -r resolves addresses with a reverse lookup (IPv4-mapped IPv6 as IPv4); an address
//   without a name keeps its numeric form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ip_address.h"
#include "proc/sysctl.h"
#include "sockets/model.h"

namespace netlens::sockets {

struct NameOptions {
    bool services = false;  // without -n
    bool hosts = false;     // -r
};

class EndpointNames {
public:
    EndpointNames(NameOptions options, std::optional<proc::PortRange> ephemeral);

    bool resolves_hosts() const { return options_.hosts; }
    // ss's text for a port of a socket of `protocol` ("ssh", "443", "*").
    std::string port(Protocol protocol, uint16_t port);
    // The host name of an address, or nullopt when there is none (or -r is off).
    const std::optional<std::string>& host(const IpAddress& address);

private:
    bool numeric_port(Protocol protocol, uint16_t port) const;
    std::string service_name(Protocol protocol, uint16_t port) const;

    NameOptions options_;
    proc::PortRange ephemeral_;
    std::unordered_map<uint32_t, std::string> ports_;  // (protocol << 16 | port) -> text
    std::unordered_map<std::string, std::optional<std::string>> hosts_;  // address bytes -> name
};

}  // namespace netlens::sockets
