#include "trace/peer_filter.h"

#include <sys/socket.h>

#include <algorithm>
#include <charconv>

namespace netlens::trace {

namespace {

std::optional<unsigned> parse_number(std::string_view text, unsigned limit) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty() || value > limit) return std::nullopt;
    return value;
}

Error peer_error(std::string_view text, const std::string& why) {
    return Error{ExitCode::usage, "--peer " + std::string(text) + ": " + why};
}

}  // namespace

std::optional<Endpoint> parse_endpoint(std::string_view text) {
    std::string_view host;
    std::string_view port;
    if (text.starts_with('[')) {
        const size_t close = text.find("]:");
        if (close == std::string_view::npos) return std::nullopt;
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const size_t colon = text.rfind(':');
        if (colon == std::string_view::npos) return std::nullopt;
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    const auto address = parse_ip_address(std::string(host));
    const auto number = parse_number(port, 65535);
    if (!address || !number) return std::nullopt;
    return Endpoint{*address, static_cast<uint16_t>(*number)};
}

Result<PeerFilter> parse_peer_filter(std::string_view text) {
    PeerFilter filter;
    std::string_view rest = text;
    std::string_view host;
    if (rest.starts_with('[')) {
        // [ADDR]/PREFIX:PORT, [ADDR/PREFIX]:PORT, [ADDR]:PORT, [ADDR]
        const size_t close = rest.find(']');
        if (close == std::string_view::npos) return peer_error(text, "no closing ]");
        host = rest.substr(1, close - 1);
        rest = rest.substr(close + 1);
    } else {
        // An IPv6 address has more than one colon: then there is no port.
        const size_t first = rest.find(':');
        const bool ipv6 = first != std::string_view::npos && rest.find(':', first + 1) != std::string_view::npos;
        const size_t end = ipv6 ? rest.size() : std::min(rest.size(), first);
        host = rest.substr(0, end);
        rest = rest.substr(end);
    }
    // The prefix may sit inside the brackets or after the address.
    std::string_view prefix;
    if (const size_t slash = host.find('/'); slash != std::string_view::npos) {
        prefix = host.substr(slash + 1);
        host = host.substr(0, slash);
    } else if (rest.starts_with('/')) {
        const size_t colon = rest.find(':');
        prefix = rest.substr(1, colon == std::string_view::npos ? std::string_view::npos : colon - 1);
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon);
    }
    if (!host.empty() && host != "*") {
        filter.address = parse_ip_address(std::string(host));
        if (!filter.address) return peer_error(text, "'" + std::string(host) + "' is not an IP address");
        filter.prefix = filter.address->family == AF_INET ? 32 : 128;
    }
    if (!prefix.empty()) {
        if (!filter.address) return peer_error(text, "a prefix needs an address");
        const auto bits = parse_number(prefix, filter.prefix);
        if (!bits) return peer_error(text, "prefix '" + std::string(prefix) + "' is not 0.." + std::to_string(filter.prefix));
        filter.prefix = *bits;
    }
    if (!rest.empty()) {
        if (!rest.starts_with(':')) return peer_error(text, "unexpected '" + std::string(rest) + "'");
        const auto port = parse_number(rest.substr(1), 65535);
        if (!port || *port == 0) return peer_error(text, "port '" + std::string(rest.substr(1)) + "' is not 1..65535");
        filter.peer_port = static_cast<uint16_t>(*port);
    }
    if (!filter.address && !filter.peer_port) return peer_error(text, "needs an address or a :PORT");
    return filter;
}

Result<uint16_t> parse_port_filter(std::string_view text) {
    const auto port = parse_number(text, 65535);
    if (!port || *port == 0) return Error{ExitCode::usage, "--port " + std::string(text) + ": not a port 1..65535"};
    return static_cast<uint16_t>(*port);
}

bool PeerFilter::matches(const std::optional<Endpoint>& local, const std::optional<Endpoint>& peer) const {
    if (any_port) {
        const bool local_port = local && local->port == *any_port;
        const bool peer_port_matches = peer && peer->port == *any_port;
        if (!local_port && !peer_port_matches) return false;
    }
    if (address || peer_port) {
        if (!peer) return false;
        if (peer_port && peer->port != *peer_port) return false;
        if (address && (peer->address.family != address->family || !in_prefix(peer->address, *address, prefix))) {
            return false;
        }
    }
    return true;
}

}  // namespace netlens::trace
