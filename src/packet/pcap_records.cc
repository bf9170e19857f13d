// pcap (tcpdump's format): a 24-byte file header in the writer's byte order, then records
// of a 16-byte header (seconds, micro- or nanoseconds, captured and original length)
// followed by the captured bytes. The magic's byte order and value say the byte order
// and the fraction's unit.
#include <fmt/format.h>

#include "packet/capture_reader.h"

namespace netlens::packet {
namespace {

// The link-type field's upper bits carry the FCS length (bits 28-31 and the flag in 26);
// the type itself is the low 16 bits, as libpcap's LT_LINKTYPE() reads it.
constexpr std::uint32_t kLinkTypeMask = 0x0000ffff;

}  // namespace

bool CaptureReader::open_pcap() {
    if (bytes_.size() < kPcapFileHeaderBytes) {
        return fail(0, fmt::format("pcap file header cut short ({} of {} bytes)", bytes_.size(),
                                   kPcapFileHeaderBytes));
    }
    const auto magic_be = load_u32be(bytes_, 0);
    big_endian_ = magic_be == kPcapMagicMicroseconds || magic_be == kPcapMagicNanoseconds;
    const bool nanoseconds = u32(bytes_, 0) == kPcapMagicNanoseconds;
    const auto major = u16(bytes_, 4);
    if (major != 2) {
        return fail(0, fmt::format("pcap version {}.{} is not one we read (2.x)", major,
                                   u16(bytes_, 6)));
    }
    CaptureInterface interface;
    interface.snaplen = u32(bytes_, 16);
    // libpcap reads a zero or oversized snaplen as the largest it supports.
    if (interface.snaplen == 0 || interface.snaplen > kMaxCapturedBytes) {
        interface.snaplen = kMaxCapturedBytes;
    }
    interface.link_type = static_cast<LinkType>(u32(bytes_, 20) & kLinkTypeMask);
    interface.multiply = nanoseconds ? 1 : 1000;
    interfaces_.push_back(std::move(interface));
    offset_ = kPcapFileHeaderBytes;
    return true;
}

bool CaptureReader::next_pcap(CapturedPacket& packet) {
    const auto at = offset_;
    const Bytes rest = bytes_.subspan(at);
    if (rest.size() < kPcapRecordHeaderBytes) {
        return fail(at, fmt::format("record header cut short ({} of {} bytes)", rest.size(),
                                    kPcapRecordHeaderBytes));
    }
    const std::uint64_t seconds = u32(rest, 0);
    const std::uint64_t fraction = u32(rest, 4);
    const auto captured = u32(rest, 8);
    const auto original = u32(rest, 12);
    if (captured > kMaxCapturedBytes) {
        return fail(at, fmt::format("record length {} exceeds maximum {} (snaplen {})", captured,
                                    kMaxCapturedBytes, interfaces_[0].snaplen));
    }
    if (rest.size() - kPcapRecordHeaderBytes < captured) {
        return fail(at, fmt::format("record of {} bytes cut short ({} left in the file)", captured,
                                    rest.size() - kPcapRecordHeaderBytes));
    }
    offset_ = at + kPcapRecordHeaderBytes + captured;
    const std::uint64_t per_second = interfaces_[0].multiply == 1 ? 1'000'000'000 : 1'000'000;
    return deliver(packet, at, 0, seconds * per_second + fraction,
                   rest.subspan(kPcapRecordHeaderBytes, captured), original);
}

}  // namespace netlens::packet
