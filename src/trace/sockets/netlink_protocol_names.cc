#include "trace/sockets/netlink_protocol_names.h"

#include <array>

namespace netlens::trace {

namespace {

// Indexed by protocol number (linux/netlink.h); 17 has no name.
constexpr std::array<const char*, 23> kNames = {
    "ROUTE",   "UNUSED",   "USERSOCK",   "FIREWALL",  "SOCK_DIAG",      "NFLOG",   "XFRM",      "SELINUX",
    "ISCSI",   "AUDIT",    "FIB_LOOKUP", "CONNECTOR", "NETFILTER",      "IP6_FW",  "DNRTMSG",   "KOBJECT_UEVENT",
    "GENERIC", nullptr,    "SCSITRANSPORT", "ECRYPTFS", "RDMA",         "CRYPTO",  "SMC",
};

}  // namespace

std::string netlink_protocol_name(int protocol) {
    if (protocol >= 0 && static_cast<size_t>(protocol) < kNames.size() && kNames[protocol] != nullptr) {
        return kNames[protocol];
    }
    return std::to_string(protocol);
}

}  // namespace netlens::trace
