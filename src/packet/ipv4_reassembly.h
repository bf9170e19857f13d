// Putting fragmented IP datagrams back together, so that DNS answers and other UDP
// datagrams larger than the path MTU can be decoded whole. IPv4 and IPv6 fragments go
// through the same code: both are a (source, destination, id, protocol) key, an offset in
// bytes and a "more fragments" flag, which decode_packet has already read.
//
// Bounded on every side: datagrams wait at most `timeout_ns` of capture time, all
// waiting fragments together hold at most `max_bytes` (the oldest datagram goes first
// when a new fragment would not fit), and at most `max_datagrams` wait at once.
//
// Overlaps are resolved as Wireshark resolves them, so that both show the same bytes:
// fragments are laid out by offset, and a byte comes from the fragment with the lowest
// offset that holds it (for equal offsets, the one that arrived first).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/ip_address.h"
#include "packet/byte_cursor.h"
#include "packet/decode/packet.h"

namespace netlens::packet {

struct ReassemblyLimits {
    std::int64_t timeout_ns = 30'000'000'000;  // Linux's ipfrag_time default
    std::size_t max_bytes = 4U << 20;
    std::size_t max_datagrams = 1024;
};

struct ReassemblyStats {
    std::uint64_t completed = 0;
    std::uint64_t timed_out = 0;          // datagrams dropped incomplete after timeout_ns
    std::uint64_t evicted = 0;            // datagrams dropped incomplete for room
    std::uint64_t overlaps = 0;           // fragments that overlapped one already held
    std::uint64_t overlap_conflicts = 0;  // ... with different bytes where they overlap
    std::uint64_t rejected = 0;           // fragments past 65535 bytes, a second different end, or too big to hold
};

struct Reassembled {
    Bytes payload;  // the datagram after its IP header(s); valid until the next add()
    std::uint8_t protocol = 0;
    std::uint32_t fragment_count = 0;
};

class FragmentReassembler {
public:
    explicit FragmentReassembler(ReassemblyLimits limits = {}) : limits_(limits) {}

    // Takes one fragment (`ip.fragmented`, decoded by decode_packet) captured at `time_ns`.
    // Returns the whole datagram when this fragment completes it. A fragment whose
    // captured payload is shorter than its length on the wire cannot help and is ignored.
    std::optional<Reassembled> add(const IpHeader& ip, std::int64_t time_ns);

    // Drops datagrams that have waited longer than the timeout at capture time `now_ns`.
    void expire(std::int64_t now_ns);

    std::size_t waiting() const { return datagrams_.size(); }
    std::size_t bytes_held() const { return bytes_held_; }
    const ReassemblyStats& stats() const { return stats_; }

private:
    struct Fragment {
        std::uint32_t offset;
        std::uint32_t length;
        std::size_t stored_at;  // in Datagram::bytes
    };
    struct Datagram {
        IpAddress source;
        IpAddress destination;
        std::uint32_t id = 0;
        std::uint8_t protocol = 0;
        std::int64_t first_seen_ns = 0;
        std::optional<std::uint32_t> end;  // known once the fragment without MF arrives
        std::vector<Fragment> fragments;   // in arrival order
        std::vector<std::byte> bytes;      // the fragments' payloads, back to back
    };

    Datagram* find_or_start(const IpHeader& ip, std::int64_t time_ns);
    bool make_room(std::size_t bytes);
    void drop(std::size_t index);
    bool assemble(Datagram& datagram);

    ReassemblyLimits limits_;
    ReassemblyStats stats_;
    // Few datagrams wait at once (fragments are rare and time out), so a vector searched
    // from the front — oldest first — is simpler than a map and as fast at this size.
    std::vector<Datagram> datagrams_;
    std::size_t bytes_held_ = 0;
    std::vector<std::byte> assembled_;
};

}  // namespace netlens::packet
