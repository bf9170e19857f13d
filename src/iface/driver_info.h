// The ETHTOOL_GDRVINFO ioctl (what `ethtool -i DEV` shows): driver name and version,
// firmware, bus, and how many statistics the driver keeps. There is no ethtool netlink
// message for it, so it goes through the source's SIOCETHTOOL exchange.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "source/source.h"

namespace netlens::iface {

struct DriverInfo {
    std::string driver;
    std::string version;
    std::string firmware_version;
    std::string expansion_rom_version;
    std::string bus_info;
    uint32_t statistics = 0;  // n_stats: how many counters ethtool -S has
};

// Fills `info` and returns 0, or returns the ioctl's errno (EOPNOTSUPP: the driver does
// not answer, as loopback's). An Error when the source cannot answer at all.
Result<int> query_driver_info(source::Source& source, const std::string& device, DriverInfo& info);

// The errno of a SIOCETHTOOL exchange as an Error naming the device and the step.
Error ethtool_ioctl_error(const std::string& device, const char* step, int err);

}  // namespace netlens::iface
