// Feeds the input, as concatenated netlink messages, to the decoder of sock_diag's
// socket-destroy broadcasts (netlens sockets -E).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "netlink/attributes.h"
#include "sockets/events/event_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A recv() buffer is 4-byte aligned; libFuzzer's copy may not be.
    std::vector<uint32_t> aligned((size + 3) / 4);
    if (size > 0) std::memcpy(aligned.data(), data, size);  // data() is null when empty
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(aligned.data()), size);
    netlens::netlink::for_each_message(bytes, [](const nlmsghdr* message) { netlens::sockets::decode_socket_event(message); });
    return 0;
}
