// Reading netlink attributes safely: an index of a message's attributes by type, and
// typed getters that check each payload's length before reading it, so a short or
// malformed attribute yields "absent" rather than a read past the buffer.
#pragma once

#include <libmnl/libmnl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>

namespace netlens::netlink {

// Attribute types above this are ignored; every family we parse stays well below it.
inline constexpr int kMaxAttributeType = 128;

class AttributeIndex {
public:
    // Indexes the attributes after a fixed header of `header_size` bytes. Returns false
    // when the message is too short to hold that header.
    bool parse(const nlmsghdr* message, size_t header_size);
    // Indexes nested attributes inside `parent`.
    bool parse_nested(const nlattr* parent);

    const nlattr* get(int type) const {
        return type >= 0 && type < kMaxAttributeType ? table_[static_cast<size_t>(type)] : nullptr;
    }

private:
    std::array<const nlattr*, kMaxAttributeType> table_{};
};

std::optional<uint8_t> read_u8(const nlattr* attribute);
std::optional<uint16_t> read_u16(const nlattr* attribute);
std::optional<uint32_t> read_u32(const nlattr* attribute);
std::optional<uint64_t> read_u64(const nlattr* attribute);
// A NUL-terminated string attribute; the terminator is not required to be present.
std::optional<std::string> read_string(const nlattr* attribute);
std::span<const uint8_t> read_bytes(const nlattr* attribute);

// Fixed-layout struct payloads such as rtnl_link_stats64: copies what the kernel sent,
// zero-filling fields a shorter (older) struct lacks.
template <typename T>
std::optional<T> read_struct(const nlattr* attribute) {
    if (attribute == nullptr) return std::nullopt;
    T value{};
    const auto bytes = read_bytes(attribute);
    std::memcpy(&value, bytes.data(), std::min(bytes.size(), sizeof(T)));
    return value;
}

// Calls fn for each whole message in a buffer of concatenated netlink messages; stops
// at the first truncated or malformed one and returns the offset where parsing stopped.
// Lengths are compared unsigned: libmnl's mnl_nlmsg_ok takes them as int, so a
// length of 2^31 or more from hostile bytes would pass its check.
template <typename Fn>
size_t for_each_message(std::span<const uint8_t> buffer, Fn&& fn) {
    size_t offset = 0;
    while (buffer.size() - offset >= sizeof(nlmsghdr)) {
        const auto* message = reinterpret_cast<const nlmsghdr*>(buffer.data() + offset);
        const size_t length = message->nlmsg_len;
        if (length < sizeof(nlmsghdr) || length > buffer.size() - offset) break;
        fn(message);
        offset += std::min<size_t>(MNL_ALIGN(length), buffer.size() - offset);
    }
    return offset;
}

// Calls fn for each whole attribute nested in `parent`, in order, repeated types
// included (lists such as IFLA_PROP_LIST); stops at the first that does not fit.
template <typename Fn>
void for_each_nested(const nlattr* parent, Fn&& fn) {
    const auto payload = read_bytes(parent);
    size_t offset = 0;
    while (payload.size() - offset >= sizeof(nlattr)) {
        const auto* attribute = reinterpret_cast<const nlattr*>(payload.data() + offset);
        const size_t size = attribute->nla_len;
        if (size < sizeof(nlattr) || size > payload.size() - offset) break;
        fn(attribute);
        offset += std::min<size_t>(MNL_ALIGN(size), payload.size() - offset);
    }
}

}  // namespace netlens::netlink
