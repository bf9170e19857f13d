// Ports and HOST patterns. A HOST splits into an address part and a port part at the
// only ':' (IPv4), after the ']' (bracketed IPv6), or not at all (a bare IPv6 address,
// whose colons leave no room for a port). Abbreviated IPv4 ("10/8") is read the way
// ip(8) and ss read prefixes, but only with a prefix length: a bare "22" is far more
// likely a port typed without its ':' than the address 22.0.0.0.
#include "sockets/filter/filter_value.h"

#include <arpa/inet.h>

#include <algorithm>
#include <string>

namespace netlens::sockets {
namespace {

constexpr const char* kHostForms =
    "expected ADDR, ADDR/PREFIX, ADDR:PORT, [V6ADDR]:PORT, *:PORT or :PORT "
    "(numbers only, no host names)";

Error usage(std::string message) { return Error{ExitCode::usage, std::move(message)}; }

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Decimal text of at most `max`, or nullopt. Length is checked first so huge inputs
// cannot overflow.
std::optional<uint32_t> small_number(std::string_view text, uint32_t max) {
    if (!all_digits(text) || text.size() > 5) return std::nullopt;
    uint32_t value = 0;
    for (char c : text) value = value * 10 + static_cast<uint32_t>(c - '0');
    if (value > max) return std::nullopt;
    return value;
}

// The digits after ':'; "*" means any port.
Result<std::optional<uint16_t>> parse_port_number(std::string_view text) {
    if (text == "*") return std::optional<uint16_t>{};
    if (text.empty()) return usage("expected a port number after ':'");
    if (!all_digits(text)) {
        return usage("port '" + std::string(text) +
                     "' is not a number (service names are not supported; give the number)");
    }
    const auto value = small_number(text, 65535);
    if (!value) return usage("port " + std::string(text) + " is out of range 0-65535");
    return std::optional<uint16_t>{static_cast<uint16_t>(*value)};
}

// One to four dotted decimal parts; missing parts are zero ("10" = 10.0.0.0).
std::optional<IpAddress> parse_abbreviated_ipv4(std::string_view text) {
    IpAddress address;
    address.family = AF_INET;
    size_t part = 0;
    while (true) {
        const size_t dot = text.find('.');
        const auto value = small_number(text.substr(0, dot), 255);
        if (!value || part == 4) return std::nullopt;
        address.bytes[part++] = static_cast<uint8_t>(*value);
        if (dot == std::string_view::npos) return address;
        text.remove_prefix(dot + 1);
    }
}

// "ADDR" or "ADDR/N": a full IPv4 or IPv6 address, or abbreviated IPv4 with /N.
Result<HostPattern> parse_prefix(std::string_view text) {
    const size_t slash = text.find('/');
    const std::string address_text(text.substr(0, slash));
    HostPattern pattern;
    pattern.address = parse_ip_address(address_text);
    if (!pattern.address && slash != std::string_view::npos) {
        pattern.address = parse_abbreviated_ipv4(address_text);
    }
    if (!pattern.address) {
        std::string message = "'" + address_text + "' is not an address: " + kHostForms;
        if (all_digits(address_text)) message += "; for a port write :" + address_text;
        return usage(std::move(message));
    }
    const auto max_bits = static_cast<uint32_t>(pattern.address->size() * 8);
    pattern.prefix_len = static_cast<uint8_t>(max_bits);
    if (slash != std::string_view::npos) {
        const std::string_view bits = text.substr(slash + 1);
        const auto value = small_number(bits, max_bits);
        if (!value) {
            return usage("prefix length '" + std::string(bits) + "' is not a number from 0 to " +
                         std::to_string(max_bits));
        }
        pattern.prefix_len = static_cast<uint8_t>(*value);
    }
    return pattern;
}

// "[V6]", "[V6]/N", "[V6/N]", each optionally followed by ":PORT".
Result<HostPattern> parse_bracketed(std::string_view text) {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return usage("'[' without a closing ']'");
    std::string address(text.substr(1, close - 1));
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() == '/') {
        const size_t colon = rest.find(':');
        address += rest.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon);
    }
    if (!rest.empty() && rest.front() != ':') {
        return usage("unexpected '" + std::string(rest) + "' after ']': " + kHostForms);
    }
    auto pattern = parse_prefix(address);
    if (!pattern || rest.empty()) return pattern;
    auto port = parse_port_number(rest.substr(1));
    if (!port) return port.error();
    pattern->port = *port;
    return pattern;
}

}  // namespace

Result<uint16_t> parse_port_value(std::string_view text) {
    std::string_view digits = text;
    if (digits.starts_with("*:")) {
        digits.remove_prefix(2);
    } else if (digits.starts_with(':')) {
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.find(':') != std::string_view::npos || digits == "*") {
        return usage("expected a port: PORT, :PORT or *:PORT");
    }
    auto port = parse_port_number(digits);
    if (!port) return port.error();
    return **port;
}

Result<HostPattern> parse_host_pattern(std::string_view text) {
    if (text.empty()) return usage(std::string("expected an address: ") + kHostForms);
    if (text.front() == '[') return parse_bracketed(text);
    const auto colons = std::count(text.begin(), text.end(), ':');
    if (colons >= 2) return parse_prefix(text);  // bare IPv6, no port possible

    const size_t colon = text.find(':');
    const std::string_view host = text.substr(0, colon);
    HostPattern pattern;
    if (!host.empty() && host != "*") {
        auto parsed = parse_prefix(host);
        if (!parsed) return parsed;
        pattern = *parsed;
    }
    if (colon != std::string_view::npos) {
        auto port = parse_port_number(text.substr(colon + 1));
        if (!port) return port.error();
        pattern.port = *port;
    }
    return pattern;
}

}  // namespace netlens::sockets
