#include "core/ip_address.h"

#include <arpa/inet.h>

namespace netlens {

std::optional<IpAddress> parse_ip_address(const std::string& text) {
    IpAddress address;
    if (inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) {
        address.family = AF_INET;
        return address;
    }
    if (inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1) {
        address.family = AF_INET6;
        return address;
    }
    return std::nullopt;
}

size_t IpAddress::size() const { return family == AF_INET ? 4 : 16; }

std::string IpAddress::to_string() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (inet_ntop(family, bytes.data(), text, sizeof(text)) == nullptr) return "";
    return text;
}

}  // namespace netlens
