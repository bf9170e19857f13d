// The text of `netlens iface DEV` below the links table, in the words of the tools it
// stands for: an address as `ip addr show DEV` prints it, and the link's settings and
// driver as `ethtool DEV` and `ethtool -i DEV` print them, so a reader can hold one
// next to the other.
#pragma once

#include <string>
#include <vector>

#include "iface/ip_names.h"
#include "iface/model.h"

namespace netlens::iface {

// The link as `ip link show DEV` prints it: "3: v0@v1: <BROADCAST,...> mtu 1500 qdisc
// noqueue state UP mode DEFAULT group default qlen 1000", "link/ether MAC brd MAC", then
// "alias TEXT" and "altname NAME" lines (without ip's indentation). `links` name the
// lower link and the master; `names` the link group.
std::vector<std::string> link_lines(const Link& link, const std::vector<Link>& links, const IpNames& names);

// "inet 10.0.0.1 peer 10.0.0.2/32 scope global v0" and
// "valid_lft forever preferred_lft forever" (without ip's indentation).
std::vector<std::string> address_lines(const Address& address, const IpNames& names);

// "Speed: 10000Mb/s", "Duplex: Full", ... "Link detected: no", then "driver: veth",
// "version: 1.0", ... "bus-info: "; lines whose query the driver did not answer are
// left out, as ethtool leaves them out.
std::vector<std::string> ethtool_lines(const EthtoolLink& ethtool);

}  // namespace netlens::iface
