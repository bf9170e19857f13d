#include "netlink/attributes.h"

namespace netlens::netlink {

namespace {

// Indexes the attributes in [begin, begin + length). Each must lie wholly inside that
// range; the walk stops at the first that does not. (libmnl walks up to the aligned
// end of the message, which can be three bytes past the buffer.)
void index_attributes(const uint8_t* begin, size_t length, std::array<const nlattr*, kMaxAttributeType>& table) {
    size_t offset = 0;
    while (length - offset >= sizeof(nlattr)) {
        const auto* attribute = reinterpret_cast<const nlattr*>(begin + offset);
        const size_t size = attribute->nla_len;
        if (size < sizeof(nlattr) || size > length - offset) break;
        const int type = mnl_attr_get_type(attribute);
        if (type < kMaxAttributeType) table[static_cast<size_t>(type)] = attribute;
        offset += std::min<size_t>(MNL_ALIGN(size), length - offset);
    }
}

template <typename T>
std::optional<T> read_scalar(const nlattr* attribute) {
    if (attribute == nullptr || mnl_attr_get_payload_len(attribute) < sizeof(T)) return std::nullopt;
    T value;
    std::memcpy(&value, mnl_attr_get_payload(attribute), sizeof(T));
    return value;
}

}  // namespace

bool AttributeIndex::parse(const nlmsghdr* message, size_t header_size) {
    table_.fill(nullptr);
    const size_t start = MNL_NLMSG_HDRLEN + MNL_ALIGN(header_size);
    if (message->nlmsg_len < start) return false;
    index_attributes(reinterpret_cast<const uint8_t*>(message) + start, message->nlmsg_len - start, table_);
    return true;
}

bool AttributeIndex::parse_nested(const nlattr* parent) {
    table_.fill(nullptr);
    if (parent == nullptr) return false;
    const auto payload = read_bytes(parent);
    index_attributes(payload.data(), payload.size(), table_);
    return true;
}

std::optional<uint8_t> read_u8(const nlattr* attribute) { return read_scalar<uint8_t>(attribute); }
std::optional<uint16_t> read_u16(const nlattr* attribute) { return read_scalar<uint16_t>(attribute); }
std::optional<uint32_t> read_u32(const nlattr* attribute) { return read_scalar<uint32_t>(attribute); }
std::optional<uint64_t> read_u64(const nlattr* attribute) { return read_scalar<uint64_t>(attribute); }

std::optional<std::string> read_string(const nlattr* attribute) {
    if (attribute == nullptr) return std::nullopt;
    const auto bytes = read_bytes(attribute);
    const auto* begin = reinterpret_cast<const char*>(bytes.data());
    size_t length = 0;
    while (length < bytes.size() && begin[length] != '\0') ++length;
    return std::string(begin, length);
}

std::span<const uint8_t> read_bytes(const nlattr* attribute) {
    if (attribute == nullptr) return {};
    return {static_cast<const uint8_t*>(mnl_attr_get_payload(attribute)), mnl_attr_get_payload_len(attribute)};
}

}  // namespace netlens::netlink
