#include "proc/inet_socket_table.h"

#include <sys/socket.h>

#include <charconv>
#include <cstring>

namespace netlens::proc {

namespace {

// Splits off the next field separated by spaces; empty when none is left.
std::string_view next_field(std::string_view& rest) {
    const size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(start);
    const size_t end = rest.find(' ');
    const std::string_view field = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    return field;
}

// The whole text as a number in `base`, or nullopt (empty, stray characters, overflow).
template <typename T>
std::optional<T> parse_number(std::string_view text, int base) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "0100007F:0035": an address of 8 hex digits per 32-bit word, a colon, a hex port.
bool parse_endpoint(std::string_view text, int family, IpAddress& address, uint16_t& port) {
    const size_t words = family == AF_INET ? 1 : 4;
    if (text.size() < words * 8 + 2 || text[words * 8] != ':') return false;
    address.family = family;
    for (size_t i = 0; i < words; ++i) {
        const auto word = parse_number<uint32_t>(text.substr(i * 8, 8), 16);
        if (!word) return false;
        std::memcpy(address.bytes.data() + i * 4, &*word, 4);
    }
    const auto parsed = parse_number<uint16_t>(text.substr(words * 8 + 1), 16);
    if (!parsed) return false;
    port = *parsed;
    return true;
}

// "00000000:00000000": two hex numbers around a colon.
bool parse_hex_pair(std::string_view text, uint32_t& first, uint32_t& second) {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) return false;
    const auto a = parse_number<uint32_t>(text.substr(0, colon), 16);
    const auto b = parse_number<uint32_t>(text.substr(colon + 1), 16);
    if (!a || !b) return false;
    first = *a;
    second = *b;
    return true;
}

std::optional<InetSocketLine> parse_line(std::string_view line, int family) {
    InetSocketLine socket;
    std::string_view rest = line;
    const auto slot = next_field(rest);  // "1:"
    if (slot.empty() || slot.back() != ':') return std::nullopt;
    if (!parse_endpoint(next_field(rest), family, socket.local, socket.local_port)) return std::nullopt;
    if (!parse_endpoint(next_field(rest), family, socket.remote, socket.remote_port)) return std::nullopt;
    const auto state = parse_number<uint8_t>(next_field(rest), 16);
    if (!state || !parse_hex_pair(next_field(rest), socket.tx_queue, socket.rx_queue)) return std::nullopt;
    socket.state = *state;
    next_field(rest);  // tr:tm->when
    next_field(rest);  // retrnsmt
    const auto uid = parse_number<uint32_t>(next_field(rest), 10);
    next_field(rest);  // timeout
    const auto inode = parse_number<uint64_t>(next_field(rest), 10);
    if (!uid || !inode) return std::nullopt;
    socket.uid = *uid;
    socket.inode = *inode;
    return socket;
}

}  // namespace

InetSocketTable parse_inet_socket_table(std::string_view text, int family) {
    InetSocketTable table;
    size_t number = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (++number == 1 || line.find_first_not_of(' ') == std::string_view::npos) continue;  // the header
        if (auto socket = parse_line(line, family)) {
            table.sockets.push_back(*socket);
        } else {
            ++table.bad_lines;
            if (!table.first_bad_line) table.first_bad_line = number;
        }
    }
    return table;
}

}  // namespace netlens::proc
