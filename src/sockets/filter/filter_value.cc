// Values read as ss's parse_hostcond, parse_devcond and parse_markmask read them.
// Numbers are C numbers (strtol/strtoul with base 0: "0x16" and "026" are 22); IPv4
// addresses may be abbreviated ("10" is 10.0.0.0, "10/8" a prefix); an IPv6 address
// needs brackets when a port could follow ("[::1]:22"), since the port starts at the
// last ':'. A HOST that is not an address is a host name, and matches every address the
// resolver gives for it.
#include "sockets/filter/filter_value.h"

#include <arpa/inet.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "sockets/filter/filter_lookup.h"

namespace netlens::sockets {
namespace {

Error usage(std::string message) { return Error{ExitCode::usage, std::move(message)}; }

// strtol with base 0 over the whole text, within int (iproute2's get_integer).
std::optional<int32_t> c_integer(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text.c_str(), &end, 0);
    if (end == text.c_str() || *end != '\0' || errno == ERANGE || value > INT_MAX || value < INT_MIN) {
        return std::nullopt;
    }
    return static_cast<int32_t>(value);
}

// strtoul with base 0 over the whole text, within unsigned int (get_unsigned).
std::optional<uint32_t> c_unsigned(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long value = std::strtoul(text.c_str(), &end, 0);
    if (end == text.c_str() || *end != '\0' || errno == ERANGE || value > UINT_MAX) return std::nullopt;
    return static_cast<uint32_t>(value);
}

// One to four dot-separated C numbers up to 255; missing parts are zero.
std::optional<IpAddress> abbreviated_ipv4(const std::string& text) {
    IpAddress address;
    address.family = AF_INET;
    const char* cursor = text.c_str();
    for (size_t part = 0; part < 4; ++part) {
        char* end = nullptr;
        const unsigned long value = std::strtoul(cursor, &end, 0);
        if (value > 255 || end == cursor) return std::nullopt;
        address.bytes[part] = static_cast<uint8_t>(value);
        if (*end == '\0') return address;
        if (part == 3 || *end != '.') return std::nullopt;
        cursor = end + 1;
    }
    return std::nullopt;
}

// A dotted netmask's length ("255.255.0.0" = 16), or nullopt when not contiguous.
std::optional<uint32_t> mask_bits(const std::string& text) {
    const auto mask = abbreviated_ipv4(text);
    if (!mask) return std::nullopt;
    const uint32_t value = (uint32_t{mask->bytes[0]} << 24) | (uint32_t{mask->bytes[1]} << 16) |
                           (uint32_t{mask->bytes[2]} << 8) | mask->bytes[3];
    const uint32_t host = ~value;
    if ((host & (host + 1)) != 0) return std::nullopt;
    return static_cast<uint32_t>(__builtin_popcount(value));
}

struct Prefix {
    int family = AF_UNSPEC;
    IpAddress address;  // unset for default/any/all
    uint32_t bits = 0;
};

// iproute2's get_prefix_1: ADDR or ADDR/LEN (LEN a number or a dotted mask), in
// `family` when that is not AF_UNSPEC; "default", "any" and "all" match everything.
std::optional<Prefix> parse_prefix(const std::string& text, int family) {
    const size_t slash = text.find('/');
    const std::string address = text.substr(0, slash);
    Prefix prefix;
    if (address == "default" || address == "any" || address == "all") {
        if (slash != std::string::npos) return std::nullopt;
        prefix.family = family;
        return prefix;
    }
    if (address.find(':') != std::string::npos) {
        if (family != AF_UNSPEC && family != AF_INET6) return std::nullopt;
        prefix.address.family = AF_INET6;
        if (inet_pton(AF_INET6, address.c_str(), prefix.address.bytes.data()) != 1) return std::nullopt;
    } else {
        if (family != AF_UNSPEC && family != AF_INET) return std::nullopt;
        auto ipv4 = abbreviated_ipv4(address);
        if (!ipv4) return std::nullopt;
        prefix.address = *ipv4;
    }
    prefix.family = prefix.address.family;
    const uint32_t max_bits = prefix.family == AF_INET ? 32 : 128;
    prefix.bits = max_bits;
    if (slash != std::string::npos) {
        const std::string length = text.substr(slash + 1);
        auto bits = c_unsigned(length);
        if (!bits) bits = mask_bits(length);
        if (!bits || *bits > max_bits) return std::nullopt;
        prefix.bits = *bits;
    }
    return prefix;
}

struct FamilyPrefix {
    std::string_view prefix;
    int family;  // -1: a socket family netlens does not list
};

constexpr FamilyPrefix kFamilyPrefixes[] = {
    {"unix:", AF_UNIX}, {"link:", -1}, {"netlink:", -1}, {"vsock:", -1}, {"inet:", AF_INET}, {"inet6:", AF_INET6},
};

// The port part: a C integer, "*" (any) or a service name.
Result<int32_t> parse_port_text(const std::string& text, const FilterContext& context) {
    if (text.empty() || text.front() == '*') return -1;
    if (auto number = c_integer(text)) return *number;
    if (!context.name_lookups) return usage("'" + text + "' is not a port number (service names are not looked up here)");
    return lookup_service_port(text, context.tcp, context.udp);
}

// The address part of a HOST: a prefix, or a host name resolved to all its addresses.
Result<HostPattern> parse_address(const std::string& text, int family, bool name_lookups, HostPattern pattern) {
    if (auto prefix = parse_prefix(text, family)) {
        pattern.family = prefix->family;
        pattern.prefix_len = static_cast<uint8_t>(prefix->bits);
        if (prefix->address.family != 0) pattern.addresses.push_back(prefix->address);
        return pattern;
    }
    if (!name_lookups) return usage("'" + text + "' is not an address or prefix (host names are not looked up here)");
    pattern.addresses = lookup_host_addresses(text, family);
    if (pattern.addresses.empty()) {
        return usage("'" + text + "' is neither an address, a prefix nor a host name that resolves");
    }
    pattern.family = pattern.addresses.front().family;
    pattern.prefix_len = static_cast<uint8_t>(pattern.addresses.front().size() * 8);
    return pattern;
}

}  // namespace

Result<HostValue> parse_host_value(std::string_view input, bool is_port, const FilterContext& context) {
    HostValue value;
    int family = context.preferred_family;
    std::string text(input);
    for (const auto& entry : kFamilyPrefixes) {
        if (!text.starts_with(entry.prefix)) continue;
        if (entry.family < 0) {
            return usage("'" + std::string(entry.prefix) + "' sockets are not listed by netlens sockets");
        }
        family = entry.family;
        text.erase(0, entry.prefix.size());
        break;
    }
    value.fixed_family = family;
    if (family == AF_UNIX) {
        value.pattern.family = AF_UNIX;
        value.pattern.unix_glob = text;
        return value;
    }

    // Where the port starts, as ss finds it.
    std::string address = text;
    std::string port;
    bool has_port = false;
    if (!text.empty() && text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string::npos) return usage("'[' without a closing ']'");
        address = text.substr(1, close - 1);
        port = text.substr(close + 1);
        has_port = true;
    } else if (!text.empty() && text.front() == '*') {
        port = text.substr(1);
        has_port = true;
    } else {
        const size_t slash = text.find('/');
        const size_t colon = text.rfind(':');
        if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
            address = text.substr(0, colon);
            port = text.substr(colon);
            has_port = true;
        }
    }
    if (is_port) {
        port = !text.empty() && text.front() == '[' ? address : text;
        has_port = true;
    }
    if (has_port && !port.empty()) {
        if (port.front() == ':') port.erase(0, 1);
        auto number = parse_port_text(port, context);
        if (!number) return number.error();
        value.pattern.port = *number;
    }
    if (is_port || address.empty() || address.front() == '*') return value;
    auto pattern = parse_address(address, family, context.name_lookups, std::move(value.pattern));
    if (!pattern) return pattern.error();
    value.pattern = std::move(*pattern);
    return value;
}

Result<uint32_t> parse_device_value(std::string_view input) {
    const std::string text(input);
    if (const uint32_t index = lookup_interface_index(text); index != 0) return index;
    if (auto number = device_number(text)) return *number;
    return usage("no interface '" + text + "' here, and not an interface index");
}

std::optional<uint32_t> device_number(std::string_view input) {
    const std::string text(input);
    unsigned index = 0;
    if (std::sscanf(text.c_str(), "if%u", &index) == 1) return index;
    return c_unsigned(text);
}

Result<MarkValue> parse_mark_value(std::string_view input) {
    // sscanf's %i, as ss reads it: a C number, anything after it ignored.
    const std::string text(input);
    MarkValue value;
    int mark = 0;
    int mask = 0;
    if (text.find('/') != std::string::npos) {
        if (std::sscanf(text.c_str(), "%i/%i", &mark, &mask) != 2) return usage("expected MARK/MASK, e.g. 0x10/0xff");
        value.mask = static_cast<uint32_t>(mask);
    } else if (std::sscanf(text.c_str(), "%i", &mark) != 1) {
        return usage("expected a mark number, e.g. 0x10 or 0x10/0xff");
    }
    value.mark = static_cast<uint32_t>(mark);
    return value;
}

Result<uint64_t> parse_cgroup_value(std::string_view input) { return lookup_cgroup_id(std::string(input)); }

}  // namespace netlens::sockets
