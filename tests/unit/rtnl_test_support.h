// Builders for rtnetlink messages laid out as the kernel does, shared by the decoder
// tests: concatenated messages in a 4-byte aligned buffer, and shorthands for links,
// addresses and attributes.
#pragma once

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace netlens::iface::test_support {


// Concatenated netlink messages in a 4-byte aligned buffer, as a dump reply arrives.
class Messages {
public:
    Messages() : words_(kSize / 4, 0) {}
    Messages(const Messages&) = delete;  // headers_ point into words_
    Messages(Messages&&) = default;

    nlmsghdr* add(uint16_t type) {
        auto* header = mnl_nlmsg_put_header(bytes() + used());
        header->nlmsg_type = type;
        header->nlmsg_flags = NLM_F_MULTI;
        headers_.push_back(header);
        return header;
    }
    template <typename T>
    T* extra(nlmsghdr* header) {
        return static_cast<T*>(mnl_nlmsg_put_extra_header(header, sizeof(T)));
    }
    // Offset just past the last message, where the next one goes.
    size_t used() const {
        if (headers_.empty()) return 0;
        const auto* last = reinterpret_cast<const uint8_t*>(headers_.back());
        return static_cast<size_t>(last - bytes()) + MNL_ALIGN(headers_.back()->nlmsg_len);
    }
    nlmsghdr* header(size_t index) { return headers_.at(index); }
    size_t offset_of(size_t index) const {
        return static_cast<size_t>(reinterpret_cast<const uint8_t*>(headers_.at(index)) - bytes());
    }
    std::span<const uint8_t> span() const { return {bytes(), used()}; }
    std::span<const uint8_t> prefix(size_t length) const { return {bytes(), length}; }

private:
    static constexpr size_t kSize = 64 * 1024;
    uint8_t* bytes() { return reinterpret_cast<uint8_t*>(words_.data()); }
    const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(words_.data()); }

    std::vector<uint32_t> words_;
    std::vector<nlmsghdr*> headers_;
};

inline std::array<uint8_t, 4> ipv4(const char* text) {
    std::array<uint8_t, 4> bytes{};
    EXPECT_EQ(inet_pton(AF_INET, text, bytes.data()), 1) << text;
    return bytes;
}

inline std::array<uint8_t, 16> ipv6(const char* text) {
    std::array<uint8_t, 16> bytes{};
    EXPECT_EQ(inet_pton(AF_INET6, text, bytes.data()), 1) << text;
    return bytes;
}

template <size_t N>
inline void put_bytes(nlmsghdr* header, uint16_t type, const std::array<uint8_t, N>& bytes) {
    mnl_attr_put(header, type, N, bytes.data());
}

constexpr std::array<uint8_t, 6> kMac = {0x02, 0x00, 0x5e, 0x10, 0xab, 0xff};

inline nlmsghdr* put_link(Messages& messages, int ifindex, const char* name, uint32_t flags) {
    nlmsghdr* header = messages.add(RTM_NEWLINK);
    auto* info = messages.extra<ifinfomsg>(header);
    info->ifi_family = AF_UNSPEC;
    info->ifi_index = ifindex;
    info->ifi_flags = flags;
    mnl_attr_put_strz(header, IFLA_IFNAME, name);
    return header;
}

inline nlmsghdr* put_address(Messages& messages, int ifindex, uint8_t family, uint8_t prefix_length) {
    nlmsghdr* header = messages.add(RTM_NEWADDR);
    auto* info = messages.extra<ifaddrmsg>(header);
    info->ifa_family = family;
    info->ifa_prefixlen = prefix_length;
    info->ifa_scope = RT_SCOPE_UNIVERSE;
    info->ifa_index = static_cast<uint32_t>(ifindex);
    return header;
}

}  // namespace netlens::iface::test_support
