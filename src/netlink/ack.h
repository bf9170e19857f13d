// What the kernel says at the end of a netlink exchange. An NLMSG_ERROR carries an errno
// (0 for a plain ack) and an NLMSG_DONE carries one too: a dump that failed after it
// started (a missing sock_diag module, a filter the kernel's audit refused) ends with a
// DONE whose int is the negative errno, which must not read as an empty dump. Either may
// be followed by extended-ack attributes (NLM_F_ACK_TLVS) with the kernel's own words.
// A pure function over the message bytes, so it can be fuzzed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace netlens::netlink {

struct KernelAck {
    int error = 0;                              // a positive errno; 0 for success
    std::string message;                        // NLMSGERR_ATTR_MSG
    std::optional<uint32_t> offset;             // NLMSGERR_ATTR_OFFS: byte in the request at fault
    std::optional<uint32_t> missing_attribute;  // NLMSGERR_ATTR_MISS_TYPE
};

// `message` is one whole NLMSG_ERROR or NLMSG_DONE message (its nlmsg_len bytes).
// nullopt when it is too short for its fixed part; a DONE without an int (old kernels,
// some families) is a success. Extended-ack attributes that do not fit are ignored.
std::optional<KernelAck> parse_kernel_ack(std::span<const uint8_t> message);

// " (kernel: MESSAGE)" and the like, for appending to an errno text; empty when the
// kernel said nothing more.
std::string ack_details(const KernelAck& ack);

}  // namespace netlens::netlink
