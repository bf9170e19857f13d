// One decoder per address family, chosen by a table on sa_family; every field is read
// through a bounds check on the bytes the caller's length allows.
#include "trace/decode/sockaddr.h"

#include <net/if.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/ip_address.h"
#include "trace/decode/constants.h"
#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

constexpr size_t kSockaddrStorage = 128;
constexpr size_t kFamilySize = 2;

// Reads little-endian host and network-order fields at an offset checked against the size.
struct AddressBytes {
    std::span<const std::byte> bytes;
    uint32_t host_u32(size_t at) const {
        uint32_t value = 0;
        std::memcpy(&value, bytes.data() + at, sizeof value);
        return value;
    }
    uint16_t host_u16(size_t at) const {
        uint16_t value = 0;
        std::memcpy(&value, bytes.data() + at, sizeof value);
        return value;
    }
    uint16_t net_u16(size_t at) const {
        return static_cast<uint16_t>((std::to_integer<unsigned>(bytes[at]) << 8) | std::to_integer<unsigned>(bytes[at + 1]));
    }
    uint32_t net_u32(size_t at) const { return (uint32_t{net_u16(at)} << 16) | net_u16(at + 2); }
    std::string ip(int family, size_t at, size_t size) const {
        IpAddress address;
        address.family = family;
        for (size_t i = 0; i < size; ++i) address.bytes[i] = std::to_integer<uint8_t>(bytes[at + i]);
        return address.to_string();
    }
};

Value family_field(uint16_t family) {
    return named("sa_family", constant_value(constants::address_families(), family, "AF"));
}

// "if_nametoindex(\"lo\")" when this host has the interface, as strace shows it; else the number.
Value interface_index(uint32_t index) {
    char name[IF_NAMESIZE] = {};
    if (index != 0 && if_indextoname(index, name) != nullptr)
        return leaf(fmt::format("if_nametoindex(\"{}\")", name), index);
    return unsigned_value(index);
}

Value raw_data(uint16_t family, const AddressBytes& address) {
    const auto data = address.bytes.subspan(kFamilySize);
    return structure({family_field(family), named("sa_data", bytes_value(data, data.size(), DecodeOptions::Hex::none))});
}

// The text of an address quoted as strace quotes strings: under -xx every byte in hex.
std::string quoted_ip(const std::string& ip, DecodeOptions::Hex hex) {
    return quote_bytes(std::as_bytes(std::span(ip.data(), ip.size())), hex);
}

Value inet_address(uint16_t family, const AddressBytes& address, DecodeOptions::Hex hex) {
    if (address.bytes.size() < 16) return raw_data(family, address);
    const std::string ip = address.ip(AF_INET, 4, 4);
    return structure({family_field(family),
                      named("sin_port", leaf(fmt::format("htons({})", address.net_u16(2)), address.net_u16(2))),
                      named("sin_addr", leaf(fmt::format("inet_addr({})", quoted_ip(ip, hex)), ip))});
}

// strace prints the IPv6 address as a bare inet_pton(...) item; its JSON still needs a
// key, so the whole address is one leaf with the text built here and an object as json.
Value inet6_address(uint16_t family, const AddressBytes& address, DecodeOptions::Hex hex) {
    if (address.bytes.size() < 24) return raw_data(family, address);
    const uint16_t port = address.net_u16(2);
    const uint32_t flowinfo = address.net_u32(4);
    const std::string ip = address.ip(AF_INET6, 8, 16);
    std::string text = fmt::format("{{sa_family=AF_INET6, sin6_port=htons({}), sin6_flowinfo=htonl({}), "
                                   "inet_pton(AF_INET6, {}, &sin6_addr)",
                                   port, flowinfo, quoted_ip(ip, hex));
    Json json = {{"sa_family", "AF_INET6"}, {"sin6_port", port}, {"sin6_flowinfo", flowinfo}, {"sin6_addr", ip}};
    if (address.bytes.size() >= 28) {
        const Value scope = interface_index(address.host_u32(24));
        text += ", sin6_scope_id=" + scope.text;
        json["sin6_scope_id"] = scope.json;
    }
    return leaf(text + "}", std::move(json));
}

Value unix_address(uint16_t family, const AddressBytes& address, DecodeOptions::Hex hex) {
    std::vector<Value> fields{family_field(family)};
    auto path = address.bytes.subspan(kFamilySize);
    if (!path.empty()) {
        const bool abstract = path[0] == std::byte{0};
        if (abstract) path = path.subspan(1);
        else path = path.first(static_cast<size_t>(std::find(path.begin(), path.end(), std::byte{0}) - path.begin()));
        Value text = bytes_value(path, path.size(), hex);
        if (abstract) {
            text.text = "@" + text.text;
            text.json = "@" + text.json.get<std::string>();
        }
        fields.push_back(named("sun_path", std::move(text)));
    }
    return structure(std::move(fields));
}

Value netlink_address(uint16_t family, const AddressBytes& address, DecodeOptions::Hex) {
    if (address.bytes.size() < 12) return raw_data(family, address);
    const uint32_t groups = address.host_u32(8);
    return structure({family_field(family), named("nl_pid", unsigned_value(address.host_u32(4))),
                      named("nl_groups", leaf(fmt::format("{:#08x}", groups), groups))});
}

Value packet_address(uint16_t family, const AddressBytes& address, DecodeOptions::Hex) {
    if (address.bytes.size() < 12) return raw_data(family, address);
    const uint16_t protocol = address.net_u16(2);
    std::vector<Value> fields{
        family_field(family),
        named("sll_protocol", wrapped("htons(", constant_value(constants::ethernet_protocols(), protocol, "ETH_P"), ")")),
        named("sll_ifindex", interface_index(address.host_u32(4))),
        named("sll_hatype", constant_value(constants::arp_hardware(), address.host_u16(8), "ARPHRD")),
        named("sll_pkttype", constant_value(constants::packet_types(), std::to_integer<uint8_t>(address.bytes[10]), "PACKET")),
    };
    const uint8_t halen = std::to_integer<uint8_t>(address.bytes[11]);
    fields.push_back(named("sll_halen", unsigned_value(halen)));
    const size_t shown = std::min<size_t>({halen, 8, address.bytes.size() - 12});
    if (shown > 0) {
        std::vector<Value> octets;
        for (size_t i = 0; i < shown; ++i) {
            const auto octet = std::to_integer<uint8_t>(address.bytes[12 + i]);
            octets.push_back(leaf(fmt::format("{:#04x}", octet), octet));
        }
        fields.push_back(named("sll_addr", array(std::move(octets))));
    }
    return structure(std::move(fields));
}

using FamilyDecoder = Value (*)(uint16_t, const AddressBytes&, DecodeOptions::Hex);
struct FamilyEntry {
    uint16_t family;
    FamilyDecoder decode;
};
constexpr FamilyEntry kFamilies[] = {
    {AF_UNIX, unix_address},       {AF_INET, inet_address},     {AF_INET6, inet6_address},
    {AF_NETLINK, netlink_address}, {AF_PACKET, packet_address},
};

}  // namespace

Value sockaddr_from_bytes(std::span<const std::byte> bytes, DecodeOptions::Hex hex) {
    bytes = bytes.first(std::min(bytes.size(), kSockaddrStorage));
    if (bytes.size() < kFamilySize) return structure({});
    const AddressBytes address{bytes};
    const uint16_t family = address.host_u16(0);
    for (const FamilyEntry& entry : kFamilies)
        if (entry.family == family) return entry.decode(family, address, hex);
    return raw_data(family, address);
}

Value sockaddr_value(TraceeMemory& memory, uint64_t address, uint64_t length, DecodeOptions::Hex hex) {
    if (address == 0) return pointer_value(0);
    const auto bytes = read_bytes(memory, address, std::min<uint64_t>(length, kSockaddrStorage));
    if (!bytes || bytes->empty()) return pointer_value(address);
    return sockaddr_from_bytes(*bytes, hex);
}

}  // namespace netlens::trace
