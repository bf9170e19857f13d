// Fragments are kept as they came (each one's bytes appended to its datagram's store);
// the datagram is laid out only once its end is known and the fragments, sorted by
// offset, leave no hole. Layout copies, fragment by fragment, the bytes past what the
// earlier ones already gave — which is how Wireshark's reassembly picks between
// overlapping fragments.
#include "packet/ipv4_reassembly.h"

#include <algorithm>
#include <cstring>

namespace netlens::packet {
namespace {

// No IP datagram is longer than this; a fragment reaching past it is an attack.
constexpr std::uint32_t kLargestDatagram = 65535;

bool same_key(const IpAddress& a, const IpAddress& b) { return a.family == b.family && a.bytes == b.bytes; }

}  // namespace

std::optional<Reassembled> FragmentReassembler::add(const IpHeader& ip, std::int64_t time_ns) {
    if (ip.version == 0 || !ip.fragmented) return std::nullopt;
    expire(time_ns);
    const std::uint32_t offset = ip.fragment_offset;
    const std::uint32_t length = ip.payload_length;
    const std::uint32_t end = offset + length;
    if (ip.payload.size() < length || end > kLargestDatagram || !make_room(length)) {
        ++stats_.rejected;
        return std::nullopt;
    }
    Datagram& datagram = *find_or_start(ip, time_ns);
    if (!ip.more_fragments) {
        if (datagram.end && *datagram.end != end) {
            ++stats_.rejected;
            return std::nullopt;
        }
        datagram.end = end;
    }
    bool overlapped = false;
    bool conflicted = false;
    for (const Fragment& held : datagram.fragments) {
        const std::uint32_t from = std::max(held.offset, offset);
        const std::uint32_t to = std::min(held.offset + held.length, end);
        if (from >= to) continue;
        overlapped = true;
        conflicted = conflicted || std::memcmp(datagram.bytes.data() + held.stored_at + (from - held.offset),
                                               ip.payload.data() + (from - offset), to - from) != 0;
    }
    stats_.overlaps += overlapped ? 1 : 0;
    stats_.overlap_conflicts += conflicted ? 1 : 0;
    datagram.fragments.push_back({offset, length, datagram.bytes.size()});
    datagram.bytes.insert(datagram.bytes.end(), ip.payload.begin(), ip.payload.begin() + length);
    bytes_held_ += length;
    if (!assemble(datagram)) return std::nullopt;
    Reassembled whole{Bytes{assembled_}, datagram.protocol, static_cast<std::uint32_t>(datagram.fragments.size())};
    ++stats_.completed;
    drop(static_cast<std::size_t>(&datagram - datagrams_.data()));
    return whole;
}

void FragmentReassembler::expire(std::int64_t now_ns) {
    for (std::size_t i = datagrams_.size(); i-- > 0;) {
        if (now_ns - datagrams_[i].first_seen_ns <= limits_.timeout_ns) continue;
        ++stats_.timed_out;
        drop(i);
    }
}

FragmentReassembler::Datagram* FragmentReassembler::find_or_start(const IpHeader& ip, std::int64_t time_ns) {
    for (Datagram& datagram : datagrams_) {
        if (datagram.id == ip.id && datagram.protocol == ip.protocol && same_key(datagram.source, ip.source) &&
            same_key(datagram.destination, ip.destination))
            return &datagram;
    }
    if (!datagrams_.empty() && datagrams_.size() >= limits_.max_datagrams) {
        ++stats_.evicted;
        drop(0);
    }
    Datagram& datagram = datagrams_.emplace_back();
    datagram.source = ip.source;
    datagram.destination = ip.destination;
    datagram.id = ip.id;
    datagram.protocol = ip.protocol;
    datagram.first_seen_ns = time_ns;
    return &datagram;
}

// Evicts the oldest datagrams until `bytes` more fit; false when they never could.
bool FragmentReassembler::make_room(std::size_t bytes) {
    if (bytes > limits_.max_bytes) return false;
    while (bytes_held_ + bytes > limits_.max_bytes && !datagrams_.empty()) {
        ++stats_.evicted;
        drop(0);
    }
    return true;
}

void FragmentReassembler::drop(std::size_t index) {
    bytes_held_ -= datagrams_[index].bytes.size();
    datagrams_.erase(datagrams_.begin() + static_cast<std::ptrdiff_t>(index));
}

bool FragmentReassembler::assemble(Datagram& datagram) {
    if (!datagram.end) return false;
    const std::uint32_t end = *datagram.end;
    // Stable, so that of two fragments at one offset the first to arrive comes first.
    std::stable_sort(datagram.fragments.begin(), datagram.fragments.end(),
                     [](const Fragment& a, const Fragment& b) { return a.offset < b.offset; });
    std::uint32_t covered = 0;
    for (const Fragment& fragment : datagram.fragments) {
        if (fragment.offset > covered) return false;
        covered = std::max(covered, fragment.offset + fragment.length);
    }
    if (covered < end) return false;
    assembled_.assign(end, std::byte{0});
    covered = 0;
    for (const Fragment& fragment : datagram.fragments) {
        const std::uint32_t from = std::max(fragment.offset, covered);
        const std::uint32_t to = std::min(fragment.offset + fragment.length, end);
        if (from < to)
            std::memcpy(assembled_.data() + from, datagram.bytes.data() + fragment.stored_at + (from - fragment.offset),
                        to - from);
        covered = std::max(covered, fragment.offset + fragment.length);
    }
    return true;
}

}  // namespace netlens::packet
