#include "sockets/present/endpoint_names.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <vector>

namespace netlens::sockets {

namespace {

// ss's fallback when ip_local_port_range cannot be read.
constexpr proc::PortRange kDefaultEphemeral{1024, 4999};

const char* service_protocol(Protocol protocol) { return protocol == Protocol::udp ? "udp" : "tcp"; }

std::optional<std::string> protocol_name_of(uint16_t number) {
    protoent entry{};
    protoent* found = nullptr;
    std::vector<char> buffer(1024);
    if (getprotobynumber_r(number, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return std::string(found->p_name);
}

std::optional<std::string> service_of(uint16_t port, const char* protocol) {
    servent entry{};
    servent* found = nullptr;
    std::vector<char> buffer(1024);
    if (getservbyport_r(htons(port), protocol, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return std::string(found->s_name);
}

std::optional<std::string> reverse_lookup(const IpAddress& address) {
    int family = address.family;
    const uint8_t* bytes = address.bytes.data();
    socklen_t length = family == AF_INET ? 4 : 16;
    // ::ffff:a.b.c.d is looked up as a.b.c.d, as ss does.
    static constexpr std::array<uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (family == AF_INET6 && std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes)) {
        family = AF_INET;
        bytes += 12;
        length = 4;
    }
    hostent entry{};
    hostent* found = nullptr;
    int error = 0;
    std::vector<char> buffer(4096);
    while (gethostbyaddr_r(bytes, length, family, &entry, buffer.data(), buffer.size(), &found, &error) == ERANGE) {
        buffer.resize(buffer.size() * 2);
    }
    if (found == nullptr || found->h_name == nullptr) return std::nullopt;
    return std::string(found->h_name);
}

}  // namespace

EndpointNames::EndpointNames(NameOptions options, std::optional<proc::PortRange> ephemeral)
    : options_(options), ephemeral_(ephemeral.value_or(kDefaultEphemeral)) {}

bool EndpointNames::numeric_port(Protocol protocol, uint16_t port) const {
    if (!options_.services) return true;
    return protocol != Protocol::raw && port >= ephemeral_.low && port <= ephemeral_.high;
}

std::string EndpointNames::service_name(Protocol protocol, uint16_t port) const {
    if (protocol == Protocol::raw) return protocol_name_of(port).value_or("ipproto-" + std::to_string(port));
    return service_of(port, service_protocol(protocol)).value_or(std::to_string(port));
}

std::string EndpointNames::port(Protocol protocol, uint16_t port) {
    if (port == 0) return "*";
    // Numbers are written on the spot (they fit std::string's inline buffer): a table of
    // 100 k loopback sockets holds some 50 k distinct ephemeral ports, none of them named.
    if (numeric_port(protocol, port)) return std::to_string(port);
    const uint32_t key = static_cast<uint32_t>(protocol) << 16 | port;
    auto [found, added] = ports_.try_emplace(key);
    if (added) found->second = service_name(protocol, port);
    return found->second;
}

const std::optional<std::string>& EndpointNames::host(const IpAddress& address) {
    static const std::optional<std::string> kNone;
    if (!options_.hosts) return kNone;
    std::string key(reinterpret_cast<const char*>(address.bytes.data()), address.size());
    auto [found, added] = hosts_.try_emplace(std::move(key));
    if (added) found->second = reverse_lookup(address);
    return found->second;
}

}  // namespace netlens::sockets
