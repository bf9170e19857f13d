#include "packet/generate/tcp_connection.h"

#include <algorithm>
#include <array>

namespace netlens::packet::generate {
namespace {

constexpr std::size_t kMaxFlight = 8;
constexpr std::uint64_t kMillisecond = 1'000'000;

}  // namespace

TcpConnection::TcpConnection(Flow& flow) : flow_(flow) {
    bool v6 = flow.ends().ip[0].v6;
    Random& random = flow.random();
    end(Side::client) = {static_cast<std::uint32_t>(random.next()), 0, 64240, static_cast<std::uint16_t>(v6 ? 1440 : 1460)};
    end(Side::server) = {static_cast<std::uint32_t>(random.next()), 0, 65160, static_cast<std::uint16_t>(v6 ? 1440 : 1460)};
}

void TcpConnection::small_gap() { flow_.wait(flow_.random().between(10, 150) * 1'000); }

void TcpConnection::segment(Side from, std::uint8_t flags, std::uint32_t seq, Bytes payload, bool answers_probe) {
    End& e = end(from);
    TcpFields fields;
    fields.source_port = flow_.ends().port[from == Side::client ? 0 : 1];
    fields.destination_port = flow_.ends().port[from == Side::client ? 1 : 0];
    fields.seq = seq;
    fields.ack = flags & kTcpAck ? e.received : 0;
    fields.flags = flags;
    fields.window = e.window;
    fields.mss = flags & kTcpSyn ? e.mss : 0;
    // A duplicate ACK, as dissectors tell one: no data, no SYN/FIN/RST, the same
    // acknowledgement and window as this end's previous segment, not a probe's answer.
    bool bare = payload.empty() && !(flags & (kTcpSyn | kTcpFin | kTcpRst)) && (flags & kTcpAck);
    if (bare && !answers_probe && e.has_sent_ack && fields.ack == e.last_ack && fields.window == e.last_window &&
        seq == e.next_seq)
        ++flow_.summary().tcp.duplicate_acks;
    if (flags & kTcpAck) {
        e.has_sent_ack = true;
        e.last_ack = fields.ack;
    }
    e.last_window = fields.window;
    flow_.tcp(from, fields, payload);
}

void TcpConnection::ack(Side from, std::uint32_t upto, bool answers_probe) {
    end(from).received = upto;
    segment(from, kTcpAck, end(from).next_seq, {}, answers_probe);
}

void TcpConnection::open() {
    End& client = end(Side::client);
    End& server = end(Side::server);
    segment(Side::client, kTcpSyn, client.next_seq++, {});
    flow_.wait(flow_.rtt_ns());
    server.received = client.next_seq;
    segment(Side::server, kTcpSyn | kTcpAck, server.next_seq++, {});
    small_gap();
    ack(Side::client, server.next_seq);
    ++flow_.summary().tcp.streams;
    ++flow_.summary().tcp.handshakes;
}

void TcpConnection::open_unanswered() {
    End& client = end(Side::client);
    segment(Side::client, kTcpSyn, client.next_seq, {});
    for (std::uint64_t wait_ms : {1000, 2000}) {
        flow_.wait(wait_ms * kMillisecond);
        segment(Side::client, kTcpSyn, client.next_seq, {});
        ++flow_.summary().tcp.retransmissions;
    }
    ++client.next_seq;
    ++flow_.summary().tcp.streams;
    ++flow_.summary().tcp.unanswered_syns;
}

void TcpConnection::send(Side from, Bytes data, TcpTrouble trouble) {
    End& sender = end(from);
    std::size_t offset = 0;
    while (offset < data.size()) {
        std::array<Segment, kMaxFlight> segments{};
        std::size_t count = 0;
        std::size_t want = flow_.random().between(2, kMaxFlight);
        while (count < want && offset < data.size()) {
            std::size_t length = std::min<std::size_t>(sender.mss, data.size() - offset);
            segments[count++] = {sender.next_seq, offset, length};
            sender.next_seq += static_cast<std::uint32_t>(length);
            offset += length;
        }
        std::size_t needs = trouble == TcpTrouble::fast_loss ? 4 : trouble == TcpTrouble::reorder ? 2 : 1;
        bool strikes = trouble != TcpTrouble::none && count >= needs;
        flight(from, data, segments.data(), count, strikes ? trouble : TcpTrouble::none);
        if (strikes) trouble = TcpTrouble::none;
    }
}

void TcpConnection::acks_every_second(Side receiver, const Segment* segments, std::size_t count) {
    for (std::size_t k = 1; k < count + 1; k += 2) {
        const Segment& last = segments[std::min(k, count - 1)];
        ack(receiver, last.seq + static_cast<std::uint32_t>(last.length));
        if (k + 2 < count + 1) small_gap();
    }
}

void TcpConnection::flight(Side from, Bytes data, const Segment* segments, std::size_t count, TcpTrouble trouble) {
    Side receiver = other(from);
    CaptureSummary::Tcp& counts = flow_.summary().tcp;
    auto emit = [&](std::size_t k) {
        small_gap();
        bool last = segments[k].offset + segments[k].length == data.size();
        segment(from, kTcpAck | (last ? kTcpPsh : 0), segments[k].seq,
                data.subspan(segments[k].offset, segments[k].length));
    };
    const Segment& final = segments[count - 1];
    std::uint32_t flight_end = final.seq + static_cast<std::uint32_t>(final.length);

    switch (trouble) {
    case TcpTrouble::none:
        for (std::size_t k = 0; k < count; ++k) emit(k);
        flow_.wait(flow_.rtt_ns());
        acks_every_second(receiver, segments, count);
        break;
    case TcpTrouble::reorder: {
        std::size_t swapped = flow_.random().below(count - 1);
        for (std::size_t k = 0; k < count; ++k) emit(k == swapped ? k + 1 : k == swapped + 1 ? k - 1 : k);
        ++counts.out_of_order;
        flow_.wait(flow_.rtt_ns());
        acks_every_second(receiver, segments, count);
        break;
    }
    case TcpTrouble::timeout_loss:
        for (std::size_t k = 0; k < count; ++k) emit(k);
        flow_.wait(flow_.rtt_ns());
        if (count > 1) acks_every_second(receiver, segments, count - 1);
        flow_.wait(200 * kMillisecond + flow_.rtt_ns());  // Linux's minimum RTO, plus the RTT
        emit(count - 1);
        ++counts.retransmissions;
        flow_.wait(flow_.rtt_ns());
        ack(receiver, flight_end);
        break;
    case TcpTrouble::fast_loss:
        for (std::size_t k = 1; k < count; ++k) emit(k);
        flow_.wait(flow_.rtt_ns());
        for (std::size_t k = 1; k < count; ++k) {
            ack(receiver, segments[0].seq);  // each later segment repeats the ACK of the hole
            small_gap();
        }
        emit(0);
        ++counts.retransmissions;
        ++counts.fast_retransmissions;
        flow_.wait(flow_.rtt_ns());
        ack(receiver, flight_end);
        break;
    case TcpTrouble::zero_window: {
        for (std::size_t k = 0; k < count; ++k) emit(k);
        flow_.wait(flow_.rtt_ns());
        if (count > 2) acks_every_second(receiver, segments, count - 2);
        End& r = end(receiver);
        std::uint16_t open_window = r.window;
        r.window = 0;  // the application stopped reading
        ack(receiver, flight_end);
        ++counts.zero_windows;
        flow_.wait(flow_.random().between(100, 600) * kMillisecond);
        r.window = open_window;
        ack(receiver, flight_end);  // the window update
        break;
    }
    }
}

void TcpConnection::keep_alive(Side from) {
    End& e = end(from);
    segment(from, kTcpAck, e.next_seq - 1, {});
    ++flow_.summary().tcp.keep_alives;
    flow_.wait(flow_.rtt_ns());
    ack(other(from), end(other(from)).received, true);
}

void TcpConnection::close(Side first) {
    Side second = other(first);
    // The capture point is beside the client: what the server sends arrives an RTT
    // after what provoked it, the client answers at once.
    auto travel = [&](Side towards) { towards == Side::server ? flow_.wait(flow_.rtt_ns()) : small_gap(); };
    segment(first, kTcpFin | kTcpAck, end(first).next_seq++, {});
    travel(second);
    end(second).received = end(first).next_seq;
    segment(second, kTcpFin | kTcpAck, end(second).next_seq++, {});
    travel(first);
    ack(first, end(second).next_seq);
    ++flow_.summary().tcp.fin_closes;
}

void TcpConnection::reset(Side from) {
    segment(from, kTcpRst | kTcpAck, end(from).next_seq, {});
    ++flow_.summary().tcp.rst_closes;
}

}  // namespace netlens::packet::generate
