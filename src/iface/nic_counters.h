// NIC driver counters (what `ethtool -S` shows), read with the SIOCETHTOOL ioctl and
// cut down to the ones that count trouble: drops, errors, misses, overruns.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <memory>

#include "core/error.h"
#include "iface/model.h"
#include "source/source.h"

namespace netlens::iface {

// True for counter names that count lost or damaged traffic ("rx_queue_0_drops",
// "rx_crc_errors", "rx_missed", "rx_fifo_overrun", "tx_discards").
bool is_trouble_counter(const std::string& name);

// Pairs names with values and keeps the non-zero trouble counters, in driver order.
std::vector<NicCounter> select_trouble_counters(const std::vector<std::string>& names,
                                                const std::vector<uint64_t>& values);

struct NicCounterReading {
    std::vector<NicCounter> trouble;  // non-zero trouble counters
    size_t total = 0;                 // how many counters the driver has
};

// Reads driver counters through a source's ethtool exchange: live, recorded or replayed.
class NicCounterReader {
public:
    // Live, in the calling thread's namespace.
    NicCounterReader();
    // Through `source`, which must outlive the reader.
    explicit NicCounterReader(source::Source& source) : source_(&source) {}
    // Every driver counter of the named device. An error says why (the driver has
    // none, permission) so callers can report it as skipped.
    Result<NicCounterReading> read(const std::string& device);

private:
    // Counter names depend on the driver and how many counters it has (veth: per queue),
    // so devices of one driver with the same count share them: one ioctl fewer per link.
    Result<const std::vector<std::string>*> names(const std::string& device, const std::string& driver,
                                                  uint32_t count);

    std::unique_ptr<source::Source> owned_;  // the live source of the default constructor
    source::Source* source_;
    std::map<std::string, std::vector<std::string>> names_by_driver_;
};

}  // namespace netlens::iface
