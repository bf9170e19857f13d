// Building one netlink request. The buffer grows to fit what is put into it, so a
// request carrying a large attribute (a socket filter's bytecode can take 64 KiB) is
// never written past its storage; every attribute goes through a checked put that
// refuses what netlink cannot carry (nla_len is 16 bits) instead of truncating it.
//
// Pointers handed out (the header from start(), a fixed header from put_extra_header)
// stay valid only until the next put_*: growth moves the bytes. Fill fixed headers
// first, then add attributes, then send message().
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "netlink/transport.h"

namespace netlens::netlink {

// nla_len counts the 4-byte attribute header and is 16 bits wide.
inline constexpr size_t kMaxAttributePayload = 0xFFFF - NLA_HDRLEN;
// Well under the kernel's default socket send buffer (net.core.wmem_default, 208 KiB),
// which bounds what one sendmsg may carry, and over any request netlens builds.
inline constexpr size_t kMaxRequestSize = 128 * 1024;

class RequestBuffer {
public:
    RequestBuffer();

    // A fresh, zeroed header of the given type and flags (NLM_F_REQUEST is always set).
    nlmsghdr* start(uint16_t type, uint16_t flags);

    // A zeroed fixed header (rtmsg, inet_diag_req_v2, ...) right after the netlink
    // header; `header` is the one start() returned. Fixed headers are small, so this
    // never fails.
    template <typename T>
    T* put_extra_header(nlmsghdr* header) {
        return static_cast<T*>(put_extra_header_bytes(header, sizeof(T)));
    }

    // Appends one attribute. Fails (ExitCode::usage, naming the attribute type and size)
    // when the payload exceeds what nla_len can express or the whole request would
    // exceed kMaxRequestSize; the request is left as it was.
    Result<Done> put_attribute(uint16_t type, std::span<const uint8_t> payload);
    Result<Done> put_u32(uint16_t type, uint32_t value);

    // The request as built so far (its nlmsg_len covers every byte put).
    nlmsghdr* message() { return reinterpret_cast<nlmsghdr*>(words_.data()); }
    const nlmsghdr* message() const { return reinterpret_cast<const nlmsghdr*>(words_.data()); }
    // Bytes the storage holds now; always >= message()->nlmsg_len.
    size_t capacity() const { return words_.size() * sizeof(uint32_t); }

private:
    void* put_extra_header_bytes(nlmsghdr* header, size_t size);
    // Makes room for `extra` more bytes after nlmsg_len, zeroed.
    void reserve_more(size_t extra);

    std::vector<uint32_t> words_;  // 4-byte units keep nlmsghdr and nlattr aligned
};

}  // namespace netlens::netlink
