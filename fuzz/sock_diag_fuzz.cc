// Feeds the input, as concatenated netlink messages, to the sock_diag reply decoders
// (inet_diag_msg with tcp_info / memory / congestion attributes, and unix_diag_msg).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "sockets/diag/diag_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A recv() buffer is 4-byte aligned; libFuzzer's copy may not be.
    std::vector<uint32_t> aligned((size + 3) / 4);
    if (size > 0) std::memcpy(aligned.data(), data, size);  // data() is null when empty
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(aligned.data()), size);
    netlens::sockets::decode_diag_messages(bytes, netlens::sockets::Protocol::tcp);
    netlens::sockets::decode_diag_messages(bytes, netlens::sockets::Protocol::udp);
    return 0;
}
