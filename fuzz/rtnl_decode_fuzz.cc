// libFuzzer target for the rtnetlink decoders (links, addresses, neighbours, routes with
// their multipath entries and metrics, nexthop objects): the input is a buffer of
// concatenated netlink messages, as a dump reply or a recording holds them.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

#include "iface/rtnl_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Netlink headers are read in place, so the buffer must be 4-byte aligned as a recv()
    // buffer is. A heap block of exactly `size` bytes keeps ASan watching its end.
    auto buffer = std::make_unique<uint8_t[]>(size);
    if (size > 0) std::memcpy(buffer.get(), data, size);
    const auto decoded = netlens::iface::decode_messages({buffer.get(), size});

    // Every decoded record must have come from bytes inside the buffer.
    if (decoded.bytes_used > size) __builtin_trap();
    const size_t records = decoded.links.size() + decoded.addresses.size() + decoded.neighbours.size() +
                           decoded.routes.size() + decoded.nexthops.size();
    if ((records + decoded.undecodable) * sizeof(nlmsghdr) > decoded.bytes_used) __builtin_trap();
    return 0;
}
