// Decoders for the ethtool generic netlink family's replies (ETHTOOL_MSG_LINKMODES,
// _LINKINFO and _LINKSTATE_GET_REPLY) and for the generic netlink controller's answer
// that names the family's id. They read outside bytes: every length is checked, and a
// message that cannot be made sense of yields nullopt / false.
#pragma once

#include <libmnl/libmnl.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "iface/model.h"

namespace netlens::iface {

// The family id in a CTRL_CMD_NEWFAMILY reply.
std::optional<uint16_t> decode_family_id(const nlmsghdr* message);

// Which device an ethtool reply is about, and what it answers.
struct EthtoolReplyHeader {
    uint8_t command = 0;  // ETHTOOL_MSG_*_GET_REPLY
    int ifindex = 0;
    std::string device;
};
std::optional<EthtoolReplyHeader> decode_ethtool_header(const nlmsghdr* message);

// Fills the fields of `into` the reply carries; false when it is not an ethtool reply
// of a kind we read or is malformed.
bool apply_ethtool_reply(const nlmsghdr* message, EthtoolLink& into);

// Every ethtool reply in a buffer of concatenated messages, for the fuzz target: how
// many applied, how many did not, and where a truncated message stopped the walk.
struct DecodedEthtool {
    size_t applied = 0;
    size_t undecodable = 0;
    size_t bytes_used = 0;
};
DecodedEthtool decode_ethtool_messages(std::span<const uint8_t> buffer);

}  // namespace netlens::iface
