// A TCP connection as the generator plays it: both ends' sequence numbers and windows,
// and the moves a capture shows — handshake, data in flights acknowledged every second
// segment, closes — plus the troubles an analyser must recognise (a resend after a
// timeout, a fast retransmission after duplicate ACKs, two segments swapped on the
// way, a receiver that closes its window, keep-alive probes). Each is counted in the
// flow's summary as it is sent, by the rules a dissector uses to name it.
#pragma once

#include <cstdint>

#include "packet/generate/flow.h"

namespace netlens::packet::generate {

enum class TcpTrouble {
    none,
    reorder,       // two segments of a flight arrive swapped
    timeout_loss,  // a flight's last segment is lost beyond the capture point and resent
    fast_loss,     // a flight's first segment is lost before it; dup ACKs, fast resend
    zero_window,   // the receiver acknowledges a flight with window 0, opens it later
};

class TcpConnection {
public:
    explicit TcpConnection(Flow& flow);

    void open();             // SYN, SYN-ACK, ACK
    void open_unanswered();  // a SYN sent three times (after 1 s, then 2 s more), never answered
    // `data` from `from` in MSS-sized segments; `trouble` strikes one flight with
    // enough segments for it (none when the data is too short).
    void send(Side from, Bytes data, TcpTrouble trouble = TcpTrouble::none);
    void keep_alive(Side from);  // a probe one byte behind, and its ACK
    void close(Side first);      // FIN, FIN-ACK, ACK
    void reset(Side from);       // RST

private:
    struct End {
        std::uint32_t next_seq = 0;
        std::uint32_t received = 0;  // what this end acknowledges
        std::uint16_t window = 0;
        std::uint16_t mss = 0;
        // What its previous segment carried, to tell a duplicate ACK.
        bool has_sent_ack = false;
        std::uint32_t last_ack = 0;
        std::uint16_t last_window = 0;
    };
    struct Segment {
        std::uint32_t seq;
        std::size_t offset;
        std::size_t length;
    };

    End& end(Side side) { return ends_[side == Side::client ? 0 : 1]; }
    void segment(Side from, std::uint8_t flags, std::uint32_t seq, Bytes payload, bool answers_probe = false);
    void ack(Side from, std::uint32_t upto, bool answers_probe = false);
    void flight(Side from, Bytes data, const Segment* segments, std::size_t count, TcpTrouble trouble);
    void acks_every_second(Side receiver, const Segment* segments, std::size_t count);
    void small_gap();

    Flow& flow_;
    End ends_[2];
};

}  // namespace netlens::packet::generate
