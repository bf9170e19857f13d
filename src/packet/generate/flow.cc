#include "packet/generate/flow.h"

#include <algorithm>

namespace netlens::packet::generate {
namespace {

// Larger than any frame we build: 1500 bytes of IP, Ethernet and a VLAN tag.
constexpr std::size_t kMaxFrameBytes = 2048;

}  // namespace

Flow::Flow(FlowFrames& frames, CaptureSummary& summary, Random random, std::uint64_t start_ns, FlowEnds ends)
    : frames_(frames), summary_(summary), random_(random), now_(start_ns), ends_(ends) {
    // 1 to 80 ms: a LAN to another continent.
    rtt_ns_ = random_.between(1'000, 80'000) * 1'000;
    ip_id_[0] = static_cast<std::uint16_t>(random_.next());
    ip_id_[1] = static_cast<std::uint16_t>(random_.next());
    frames_.clear();
    ++summary_.flows;
}

std::span<std::byte> Flow::room() {
    if (frames_.arena.size() < frames_.used + kMaxFrameBytes)
        frames_.arena.resize(std::max(frames_.arena.size() * 2, frames_.used + kMaxFrameBytes));
    return std::span(frames_.arena).subspan(frames_.used, kMaxFrameBytes);
}

void Flow::add(std::size_t length, const Link& link, bool v6) {
    if (length == 0) return;  // cannot happen with our sizes; a lost frame beats an overrun
    frames_.frames.push_back({now_, static_cast<std::uint32_t>(frames_.used), static_cast<std::uint32_t>(length)});
    frames_.used += length;
    ++summary_.packets;
    summary_.bytes += length;
    ++(v6 ? summary_.ipv6_packets : summary_.ipv4_packets);
    if (link.vlan != 0) ++summary_.vlan_frames;
}

void Flow::tcp(Side from, const TcpFields& fields, Bytes payload) {
    std::size_t i = index(from);
    std::size_t length = build_tcp_frame(room(), ends_.link[i], ends_.ip[i], fields, payload, ip_id_[i]++);
    add(length, ends_.link[i], ends_.ip[i].v6);
}

void Flow::udp_from(Side from, const IpPair& ip, Bytes payload) {
    std::size_t i = index(from);
    std::size_t length = build_udp_frame(room(), ends_.link[i], ip, ends_.port[i], ends_.port[1 - i], payload,
                                         ip_id_[i]++);
    add(length, ends_.link[i], ip.v6);
}

void Flow::fragmented_udp(Side from, Bytes payload, std::size_t fragment_bytes) {
    std::size_t i = index(from);
    const IpPair& ip = ends_.ip[i];
    // The whole datagram is built once (its checksum covers every fragment), in the
    // first scratch buffer, then cut.
    std::string& whole = frames_.scratch[0];
    whole.resize(8 + payload.size());
    auto datagram = std::as_writable_bytes(std::span(whole.data(), whole.size()));
    if (build_udp_datagram(datagram, ip, ends_.port[i], ends_.port[1 - i], payload) == 0) return;
    fragment_bytes &= ~std::size_t{7};
    std::uint16_t id = ip_id_[i]++;
    ++summary_.fragments.datagrams;
    for (std::size_t offset = 0; offset < datagram.size(); offset += fragment_bytes) {
        std::size_t part = std::min(fragment_bytes, datagram.size() - offset);
        bool more = offset + part < datagram.size();
        std::size_t length = build_ipv4_fragment(room(), ends_.link[i], ip, kProtocolUdp,
                                                 datagram.subspan(offset, part), id, offset, more);
        add(length, ends_.link[i], false);
        ++summary_.fragments.fragments;
        if (more) ++summary_.fragments.more_fragments;
        wait(random_.between(5, 40) * 1'000);
    }
}

}  // namespace netlens::packet::generate
