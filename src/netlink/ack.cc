#include "netlink/ack.h"

#include <linux/netlink.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace netlens::netlink {

namespace {

// The kernel sends a negative errno; anything else in an error message (a positive
// number, INT_MIN) is not one we can name, but it is still no success.
int errno_of(int32_t value) {
    if (value == 0) return 0;
    return value < 0 && value != INT32_MIN ? -value : EPROTO;
}

constexpr size_t align4(size_t size) { return (size + 3) & ~size_t{3}; }

template <typename T>
T read_at(std::span<const uint8_t> bytes, size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

// Walks the extended-ack attributes in `bytes`, stopping at the first that does not fit.
void read_ack_attributes(std::span<const uint8_t> bytes, KernelAck& ack) {
    size_t at = 0;
    while (bytes.size() - at >= sizeof(nlattr)) {
        const auto attribute = read_at<nlattr>(bytes, at);
        if (attribute.nla_len < sizeof(nlattr) || attribute.nla_len > bytes.size() - at) return;
        const auto payload = bytes.subspan(at + sizeof(nlattr), attribute.nla_len - sizeof(nlattr));
        switch (attribute.nla_type & NLA_TYPE_MASK) {
            case NLMSGERR_ATTR_MSG: {
                const auto end = std::find(payload.begin(), payload.end(), uint8_t{0});
                ack.message.assign(payload.begin(), end);
                break;
            }
            case NLMSGERR_ATTR_OFFS:
                if (payload.size() >= sizeof(uint32_t)) ack.offset = read_at<uint32_t>(payload, 0);
                break;
            case NLMSGERR_ATTR_MISS_TYPE:
                if (payload.size() >= sizeof(uint32_t)) ack.missing_attribute = read_at<uint32_t>(payload, 0);
                break;
            default: break;
        }
        at += std::min(align4(attribute.nla_len), bytes.size() - at);
    }
}

}  // namespace

std::optional<KernelAck> parse_kernel_ack(std::span<const uint8_t> message) {
    if (message.size() < sizeof(nlmsghdr)) return std::nullopt;
    const auto header = read_at<nlmsghdr>(message, 0);
    const size_t length = std::min<size_t>(header.nlmsg_len, message.size());
    if (length < sizeof(nlmsghdr)) return std::nullopt;
    const auto payload = message.subspan(sizeof(nlmsghdr), length - sizeof(nlmsghdr));
    const bool has_tlvs = (header.nlmsg_flags & NLM_F_ACK_TLVS) != 0;

    KernelAck ack;
    size_t attributes_at = 0;
    if (header.nlmsg_type == NLMSG_ERROR) {
        if (payload.size() < sizeof(nlmsgerr)) return std::nullopt;
        const auto error = read_at<nlmsgerr>(payload, 0);
        ack.error = errno_of(error.error);
        // The echoed request follows unless the kernel capped it to its header; its
        // length comes from outside and is only trusted as far as the message reaches.
        attributes_at = sizeof(nlmsgerr);
        if ((header.nlmsg_flags & NLM_F_CAPPED) == 0 && error.msg.nlmsg_len > sizeof(nlmsghdr)) {
            attributes_at += error.msg.nlmsg_len - sizeof(nlmsghdr);
        }
    } else if (header.nlmsg_type == NLMSG_DONE) {
        if (payload.size() < sizeof(int32_t)) return ack;
        const auto error = read_at<int32_t>(payload, 0);
        // The dump's last return value: 0 when it ended well, a negative errno when not.
        ack.error = error < 0 ? errno_of(error) : 0;
        attributes_at = sizeof(int32_t);
    } else {
        return std::nullopt;
    }
    attributes_at = align4(attributes_at);
    if (has_tlvs && attributes_at < payload.size()) read_ack_attributes(payload.subspan(attributes_at), ack);
    return ack;
}

std::string ack_details(const KernelAck& ack) {
    std::string details;
    if (!ack.message.empty()) details += "kernel: " + ack.message;
    if (ack.missing_attribute) {
        details += std::string(details.empty() ? "" : "; ") + "missing attribute " + std::to_string(*ack.missing_attribute);
    }
    return details.empty() ? "" : " (" + details + ")";
}

}  // namespace netlens::netlink
