// ethtool's view of the links of one namespace, as `ethtool DEV` and `ethtool -i DEV`
// show it: link modes (speed, duplex, autoneg), link info (port, transceiver, MDI-X)
// and link state over the ethtool generic netlink family, and driver info over the
// ETHTOOL_GDRVINFO ioctl, all through the namespace's Source so runs record and replay.
//
// Each netlink query is one dump for the namespace (the kernel leaves out devices whose
// driver cannot answer), however many links are asked about. A driver that cannot answer
// (loopback has no link modes) is no finding and no gap: its fields stay empty, as
// ethtool leaves their lines out.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "iface/model.h"
#include "source/source.h"

namespace netlens::iface {

// Sets `ethtool` of each link. Every link is read even when one is shown: the others
// are what its speed is compared with.
void read_ethtool(source::Source& source, std::vector<Link>& links, Diagnosis& diagnosis);

}  // namespace netlens::iface
