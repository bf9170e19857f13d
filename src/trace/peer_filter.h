// The filters strace lacks: --peer ADDR[/PREFIX][:PORT] keeps the calls whose socket talks
// to that address (a host, or a network with a prefix) and port; --port N keeps the calls
// whose socket has N at either end. A call's ends are its socket's local and peer
// addresses, and the address a connect, sendto or sendmsg names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ip_address.h"

namespace netlens::trace {

// An inet endpoint as the trace shows it: "10.0.0.1:443" or "[::1]:443".
struct Endpoint {
    IpAddress address;
    uint16_t port = 0;
};
std::optional<Endpoint> parse_endpoint(std::string_view text);

struct PeerFilter {
    std::optional<IpAddress> address;  // --peer's address; nullopt: any
    unsigned prefix = 128;             // bits of it that must match (clamped to the family)
    std::optional<uint16_t> peer_port;  // --peer's :PORT
    std::optional<uint16_t> any_port;   // --port N: either end

    // True when the far end `peer` passes --peer (and --port, with `local` as the near end).
    bool matches(const std::optional<Endpoint>& local, const std::optional<Endpoint>& peer) const;
};

// "10.0.0.1", "10.0.0.0/8", "10.0.0.1:443", "10.0.0.0/8:443", "::1", "2001:db8::/32",
// "[::1]:443", "[2001:db8::]/32:443". A usage error names the flag and what is wrong.
Result<PeerFilter> parse_peer_filter(std::string_view text);
// --port N: 1..65535.
Result<uint16_t> parse_port_filter(std::string_view text);

}  // namespace netlens::trace
