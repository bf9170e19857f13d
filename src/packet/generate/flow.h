// One generated conversation: its two ends, its own clock and random stream, and the
// frames it has built so far. A flow is built whole when it starts and its frames are
// then handed out in time order, merged with the other flows' frames; the buffers are
// kept from flow to flow, so a run allocates only until the busiest moment is reached.
#pragma once

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "packet/byte_cursor.h"
#include "packet/generate/capture_summary.h"
#include "packet/generate/frame_builder.h"
#include "packet/generate/random.h"

namespace netlens::packet::generate {

enum class Side { client, server };

// Appends `length` bytes of `pattern` repeated, starting `phase` bytes into it: payload
// that no dissector mistakes for a protocol it knows, made a run at a time.
inline void append_pattern(std::string& out, std::size_t length, std::size_t phase, std::string_view pattern) {
    phase %= pattern.size();
    while (length > 0) {
        std::size_t run = std::min(length, pattern.size() - phase);
        out.append(pattern.substr(phase, run));
        length -= run;
        phase = 0;
    }
}
inline Bytes text_bytes(const std::string& text) { return std::as_bytes(std::span(text.data(), text.size())); }
inline Side other(Side side) { return side == Side::client ? Side::server : Side::client; }

struct PendingFrame {
    std::uint64_t timestamp_ns;
    std::uint32_t offset;  // into FlowFrames::arena
    std::uint32_t length;
};

struct FlowFrames {
    std::vector<std::byte> arena;
    std::size_t used = 0;
    std::vector<PendingFrame> frames;
    std::size_t next = 0;  // the first frame not yet written
    std::string scratch[2];  // the application's bytes, by side (see Flow::scratch)

    void clear() {
        used = 0;
        frames.clear();
        next = 0;
    }
    bool done() const { return next == frames.size(); }
    Bytes bytes(const PendingFrame& frame) const {
        return Bytes(arena).subspan(frame.offset, frame.length);
    }
};

// The two ends of a flow and how its packets travel between them.
struct FlowEnds {
    Link link[2];  // as sent by the client, by the server
    IpPair ip[2];
    std::uint16_t port[2] = {0, 0};
};

class Flow {
public:
    Flow(FlowFrames& frames, CaptureSummary& summary, Random random, std::uint64_t start_ns, FlowEnds ends);

    Random& random() { return random_; }
    CaptureSummary& summary() { return summary_; }
    const FlowEnds& ends() const { return ends_; }
    std::uint64_t now() const { return now_; }
    void wait(std::uint64_t ns) { now_ += ns; }
    // The round-trip time as seen from the capture point, beside the client.
    std::uint64_t rtt_ns() const { return rtt_ns_; }
    // Reusable text buffers for the application's bytes (requests, responses).
    std::string& scratch(Side side) { return frames_.scratch[index(side)]; }

    void tcp(Side from, const TcpFields& fields, Bytes payload);
    void udp(Side from, Bytes payload) { udp_from(from, ends_.ip[index(from)], payload); }
    // A UDP packet from `from` whose source address is `ip.source` instead of its own.
    void udp_from(Side from, const IpPair& ip, Bytes payload);
    // One UDP datagram in IPv4 fragments of at most `fragment_bytes` of IP payload.
    void fragmented_udp(Side from, Bytes payload, std::size_t fragment_bytes);

private:
    static std::size_t index(Side side) { return side == Side::client ? 0 : 1; }
    // Room for one frame at the end of the arena.
    std::span<std::byte> room();
    void add(std::size_t length, const Link& link, bool v6);

    FlowFrames& frames_;
    CaptureSummary& summary_;
    Random random_;
    std::uint64_t now_;
    std::uint64_t rtt_ns_;
    FlowEnds ends_;
    std::uint16_t ip_id_[2];
};

}  // namespace netlens::packet::generate
