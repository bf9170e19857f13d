// Feeds the input, as one NLMSG_ERROR or NLMSG_DONE message, to the extended-ack parser.
// The buffer is exactly the input's size (no rounding up), so any read past the
// message is an ASan report. Checks that an error is never read as a negative errno.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "netlink/ack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // operator new hands out memory aligned for any type, as a recv() buffer would be.
    const std::vector<uint8_t> bytes(data, data + size);
    const auto ack = netlens::netlink::parse_kernel_ack(bytes);
    if (ack && ack->error < 0) std::abort();
    if (ack) (void)netlens::netlink::ack_details(*ack);
    return 0;
}
