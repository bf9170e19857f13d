// libFuzzer target for the ethtool generic netlink decoders: the input is a buffer of
// concatenated netlink messages, as an ethtool dump reply or a recording holds them
// (the controller's family answer included).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

#include "iface/ethtool_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Headers are read in place: 4-byte aligned like a recv() buffer, and exactly
    // `size` bytes so ASan watches the end.
    auto buffer = std::make_unique<uint8_t[]>(size);
    if (size > 0) std::memcpy(buffer.get(), data, size);
    const auto decoded = netlens::iface::decode_ethtool_messages({buffer.get(), size});

    if (decoded.bytes_used > size) __builtin_trap();
    if ((decoded.applied + decoded.undecodable) * sizeof(nlmsghdr) > decoded.bytes_used) __builtin_trap();
    return 0;
}
