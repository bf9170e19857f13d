// Pieces every rtnetlink decoder needs: the fixed header after the netlink header (or
// nullptr when the message is too short for it) and an address attribute as text.
#pragma once

#include <libmnl/libmnl.h>

#include <string>

#include "iface/rtnl_names.h"
#include "netlink/attributes.h"

namespace netlens::iface {

template <typename Header>
const Header* fixed_header(const nlmsghdr* message) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(Header)) return nullptr;
    return static_cast<const Header*>(mnl_nlmsg_get_payload(message));
}

// "" when the attribute is absent or not an address of `family`.
inline std::string ip_attribute(int family, const nlattr* attribute) {
    return format_ip(family, netlink::read_bytes(attribute));
}

}  // namespace netlens::iface
