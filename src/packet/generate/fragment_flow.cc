// A UDP datagram larger than the path's MTU, sent in IPv4 fragments of 1480 bytes (a
// 1500-byte MTU less the IP header), then a short reply in one packet.
#include "packet/generate/scenarios.h"

namespace netlens::packet::generate {

void play_fragments(Flow& flow) {
    Random& random = flow.random();
    // The payload is built in the server's scratch: the client's holds the datagram.
    std::string& payload = flow.scratch(Side::server);
    payload.clear();
    append_pattern(payload, random.between(1500, 8000), 0, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    flow.fragmented_udp(Side::client, text_bytes(payload), 1480);
    flow.wait(flow.rtt_ns());
    payload.assign("ok");
    flow.udp(Side::server, text_bytes(payload));
}

}  // namespace netlens::packet::generate
