#include "trace/named_peer.h"

#include <sys/socket.h>
#include <sys/syscall.h>

#include <utility>

#include "core/ip_address.h"
#include "trace/present/value_text.h"

namespace netlens::trace {

namespace {

// An inet address a call names (connect's, sendto's, recvfrom's, a msghdr's msg_name), from
// the decoded sockaddr: {"sin_port": 80, "sin_addr": "..."} or the sin6_ pair.
std::optional<Endpoint> named_endpoint(const Json& json) {
    if (!json.is_object()) return std::nullopt;
    for (const auto& [port_key, address_key] : {std::pair{"sin_port", "sin_addr"}, std::pair{"sin6_port", "sin6_addr"}}) {
        const auto port = json.find(port_key);
        const auto address = json.find(address_key);
        if (port == json.end() || address == json.end() || !port->is_number() || !address->is_string()) continue;
        const auto ip = parse_ip_address(address->get<std::string>());
        if (ip) return Endpoint{*ip, port->get<uint16_t>()};
    }
    if (const auto name = json.find("msg_name"); name != json.end()) return named_endpoint(*name);
    return std::nullopt;
}


}  // namespace

// bind's and getsockname's addresses are the near end, so they are not looked at.
std::optional<Endpoint> far_end_named(const CallRecord& call) {
    switch (call.entry.number) {
        case SYS_connect:
        case SYS_sendto:
        case SYS_recvfrom:
        case SYS_sendmsg:
        case SYS_recvmsg:
            break;
        default:
            return std::nullopt;
    }
    for (const Value& arg : call.args) {
        if (auto endpoint = named_endpoint(value_json(arg))) return endpoint;
    }
    return std::nullopt;
}

std::string named_peer_text(const CallRecord& call) {
    const auto endpoint = far_end_named(call);
    if (!endpoint) return {};
    const std::string host = endpoint->address.to_string();
    const std::string port = std::to_string(endpoint->port);
    return endpoint->address.family == AF_INET6 ? "[" + host + "]:" + port : host + ":" + port;
}

}  // namespace netlens::trace
