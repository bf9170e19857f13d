// Feeds the input, as concatenated netlink messages, to the sock_diag reply decoders
// (inet_diag_msg with tcp_info / mptcp_info / memory / congestion attributes,
// unix_diag_msg, packet_diag_msg with its rings and filter, netlink_diag_msg), and to
// the test that decides whether a dump datagram ends its answer (read ahead for -p).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "netlink/read_ahead_transport.h"
#include "sockets/diag/diag_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A recv() buffer is aligned, and libFuzzer's copy may not be; operator new's is.
    // Exactly `size` bytes, not rounded up to whole words, so the fuzzer chooses every
    // length and a read past the last message is an ASan report.
    const std::vector<uint8_t> copy(data, data + size);
    const std::span<const uint8_t> bytes(copy);
    netlens::sockets::decode_diag_messages(bytes, netlens::sockets::Protocol::tcp);
    netlens::sockets::decode_diag_messages(bytes, netlens::sockets::Protocol::udp);
    netlens::sockets::decode_diag_messages(bytes, netlens::sockets::Protocol::mptcp);
    (void)netlens::netlink::ends_answer(std::as_bytes(bytes));
    return 0;
}
