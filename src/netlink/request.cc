#include "netlink/request.h"

#include <libmnl/libmnl.h>

#include <algorithm>
#include <cassert>
#include <cstring>

namespace netlens::netlink {

namespace {

// Room for the usual request (header, fixed header, a few attributes) without growth.
constexpr size_t kInitialSize = 1024;

}  // namespace

RequestBuffer::RequestBuffer() : words_(kInitialSize / sizeof(uint32_t)) {}

nlmsghdr* RequestBuffer::start(uint16_t type, uint16_t flags) {
    std::fill(words_.begin(), words_.end(), 0);
    nlmsghdr* header = message();
    header->nlmsg_len = MNL_NLMSG_HDRLEN;
    header->nlmsg_type = type;
    header->nlmsg_flags = NLM_F_REQUEST | flags;
    return header;
}

void RequestBuffer::reserve_more(size_t extra) {
    const size_t wanted = message()->nlmsg_len + extra;
    if (wanted <= capacity()) return;
    // Doubling keeps a run of puts linear; new words are zeroed by resize.
    size_t words = words_.size();
    while (words * sizeof(uint32_t) < wanted) words *= 2;
    words_.resize(words);
}

void* RequestBuffer::put_extra_header_bytes(nlmsghdr* header, size_t size) {
    assert(header == message());
    (void)header;
    reserve_more(MNL_ALIGN(size));
    return mnl_nlmsg_put_extra_header(message(), size);
}

Result<Done> RequestBuffer::put_attribute(uint16_t type, std::span<const uint8_t> payload) {
    if (payload.size() > kMaxAttributePayload) {
        return Error{ExitCode::usage, "netlink attribute " + std::to_string(type) + " of " +
                                          std::to_string(payload.size()) + " bytes exceeds the " +
                                          std::to_string(kMaxAttributePayload) + "-byte limit of one attribute"};
    }
    const size_t needed = MNL_ATTR_HDRLEN + MNL_ALIGN(payload.size());
    if (message()->nlmsg_len + needed > kMaxRequestSize) {
        return Error{ExitCode::usage, "netlink request of " + std::to_string(message()->nlmsg_len + needed) +
                                          " bytes exceeds the " + std::to_string(kMaxRequestSize) + "-byte limit"};
    }
    reserve_more(needed);
    // Checked above: mnl_attr_put itself never looks at the room left.
    mnl_attr_put(message(), type, payload.size(), payload.data());
    return Done{};
}

Result<Done> RequestBuffer::put_u32(uint16_t type, uint32_t value) {
    uint8_t bytes[sizeof(value)];
    std::memcpy(bytes, &value, sizeof(value));
    return put_attribute(type, bytes);
}

}  // namespace netlens::netlink
