// pcapng (draft-ietf-opsawg-pcapng): a chain of blocks, each framed by its type and total
// length at the front and the same length again at the back. A section header block sets
// the byte order of everything up to the next one and empties the interface table; an
// interface description block appends one interface; enhanced, simple and (obsolete)
// packet blocks carry packets. Every other block is skipped by its length.
#include <fmt/format.h>

#include "packet/capture_reader.h"

namespace netlens::packet {
namespace {

constexpr std::size_t kBlockFrameBytes = 12;       // type, length ... length
constexpr std::size_t kSectionHeaderBody = 16;     // byte-order magic, version, section length
constexpr std::size_t kInterfaceBody = 8;          // link type, reserved, snaplen
constexpr std::size_t kEnhancedPacketBody = 20;    // interface, timestamp (2), lengths (2)
constexpr std::size_t kSimplePacketBody = 4;       // original length
constexpr std::uint8_t kTsresolBinary = 0x80;      // if_tsresol: 2^-n instead of 10^-n

const char* block_name(std::uint32_t type) {
    switch (type) {
        case kPcapngEnhancedPacket: return "enhanced packet block";
        case kPcapngSimplePacket: return "simple packet block";
        default: return "packet block";
    }
}

std::uint64_t power_of_ten(unsigned exponent) {
    std::uint64_t value = 1;
    while (exponent-- > 0) value *= 10;
    return value;
}

}  // namespace

bool CaptureReader::open_pcapng() {
    // The magic said the first block is a section header; reading it sets the byte order.
    // A file holding nothing else is a valid, empty capture.
    std::uint32_t type = 0;
    Bytes body;
    return frame_block(type, body) && read_section_header(0, body);
}

bool CaptureReader::next_pcapng(CapturedPacket& packet) {
    while (offset_ < bytes_.size()) {
        const auto at = offset_;
        std::uint32_t type = 0;
        Bytes body;
        if (!frame_block(type, body)) return false;
        switch (type) {
            case kPcapngSectionHeader:
                if (!read_section_header(at, body)) return false;
                break;
            case kPcapngInterfaceDescription:
                if (!read_interface(at, body)) return false;
                break;
            case kPcapngEnhancedPacket:
            case kPcapngSimplePacket:
            case kPcapngObsoletePacket:
                return read_packet_block(type, at, body, packet);
            default:
                break;  // name resolution, statistics, custom, unknown: not packets
        }
    }
    return false;
}

// Checks the block at offset_ against its frame and steps past it.
bool CaptureReader::frame_block(std::uint32_t& type, Bytes& body) {
    const auto at = offset_;
    const Bytes rest = bytes_.subspan(at);
    if (rest.size() < kBlockFrameBytes) {
        return fail(at, fmt::format("block header cut short ({} of {} bytes)", rest.size(),
                                    kBlockFrameBytes));
    }
    type = u32(rest, 0);
    if (type == kPcapngSectionHeader) {
        // The section's byte order comes from its magic, before its length can be read.
        if (load_u32be(rest, 8) == kPcapngByteOrderMagic) {
            big_endian_ = true;
        } else if (load_u32le(rest, 8) == kPcapngByteOrderMagic) {
            big_endian_ = false;
        } else {
            return fail(at, fmt::format("section header byte-order magic {:08x} is not {:08x}",
                                        load_u32be(rest, 8), kPcapngByteOrderMagic));
        }
    }
    const auto length = u32(rest, 4);
    if (length < kBlockFrameBytes || length % 4 != 0) {
        return fail(at, fmt::format("block total length {} is {}", length,
                                    length % 4 != 0 ? "not a multiple of 4" : "below 12"));
    }
    if (length > kMaxBlockBytes) {
        return fail(at, fmt::format("block total length {} exceeds maximum {}", length,
                                    kMaxBlockBytes));
    }
    if (length > rest.size()) {
        return fail(at, fmt::format("block of {} bytes cut short ({} left in the file)", length,
                                    rest.size()));
    }
    if (u32(rest, length - 4) != length) {
        return fail(at, fmt::format("block total length {} does not match its trailing copy {}",
                                    length, u32(rest, length - 4)));
    }
    offset_ = at + length;
    body = rest.subspan(8, length - kBlockFrameBytes);
    return true;
}

bool CaptureReader::read_section_header(std::size_t at, Bytes body) {
    if (body.size() < kSectionHeaderBody) {
        return fail(at, fmt::format("section header block body of {} bytes is below {}",
                                    body.size(), kSectionHeaderBody));
    }
    const auto major = u16(body, 4);
    if (major != 1) {
        return fail(at, fmt::format("pcapng version {}.{} is not one we read (1.x)", major,
                                    u16(body, 6)));
    }
    interfaces_.clear();  // interface numbers start again in every section
    return true;
}

bool CaptureReader::read_interface(std::size_t at, Bytes body) {
    if (body.size() < kInterfaceBody) {
        return fail(at, fmt::format("interface description block body of {} bytes is below {}",
                                    body.size(), kInterfaceBody));
    }
    CaptureInterface interface;
    interface.link_type = static_cast<LinkType>(u16(body, 0));
    interface.snaplen = u32(body, 4);
    interface.multiply = 1000;  // microseconds unless if_tsresol says otherwise
    ByteCursor options(body.subspan(kInterfaceBody));
    while (options.remaining() >= 4) {
        const auto option_at = at + 8 + kInterfaceBody + options.offset();
        const auto header = options.take(4);
        const auto code = u16(header, 0);
        const auto size = u16(header, 2);
        if (code == kPcapngOptionEnd) break;
        const Bytes value = options.take(size);
        if (!options.ok() || !options.skip((4 - size % 4) % 4)) {
            return fail(option_at, fmt::format("interface option {} of {} bytes runs past its block",
                                               code, size));
        }
        if (code == kPcapngIfName) {
            std::string name(reinterpret_cast<const char*>(value.data()), value.size());
            interface.name = name.substr(0, name.find('\0'));
        } else if (code == kPcapngIfTsresol && size >= 1) {
            const auto resolution = load_u8(value, 0);
            const unsigned exponent = resolution & ~kTsresolBinary;
            interface.multiply = 1;
            if (resolution & kTsresolBinary) {
                if (exponent > 63) {
                    return fail(option_at, fmt::format("if_tsresol 2^-{} is beyond 2^-63", exponent));
                }
                interface.multiply = 1'000'000'000;
                interface.shift = static_cast<std::uint8_t>(exponent);
            } else if (exponent <= 9) {
                interface.multiply = power_of_ten(9 - exponent);
            } else if (exponent <= 19) {
                interface.divide = power_of_ten(exponent - 9);
            } else {
                return fail(option_at, fmt::format("if_tsresol 10^-{} is beyond 10^-19", exponent));
            }
        } else if (code == kPcapngIfTsoffset && size >= 8) {
            const std::uint64_t seconds = big_endian_ ? load_u64be(value, 0) : load_u64le(value, 0);
            interface.offset_ns = static_cast<std::int64_t>(seconds * 1'000'000'000u);
        }
    }
    interfaces_.push_back(std::move(interface));
    return true;
}

bool CaptureReader::read_packet_block(std::uint32_t type, std::size_t at, Bytes body,
                                      CapturedPacket& packet) {
    if (type == kPcapngSimplePacket) {
        if (body.size() < kSimplePacketBody) {
            return fail(at, fmt::format("simple packet block body of {} bytes is below {}",
                                        body.size(), kSimplePacketBody));
        }
        if (interfaces_.empty()) return fail(at, "simple packet block before any interface");
        // No captured length: the original one cut to interface 0's snaplen (0: no limit).
        const auto original = u32(body, 0);
        const auto snaplen = interfaces_[0].snaplen;
        const auto captured = snaplen != 0 && snaplen < original ? snaplen : original;
        if (captured > body.size() - kSimplePacketBody) {
            return fail(at, fmt::format("simple packet block of {} bytes holds no {}-byte packet",
                                        body.size() + kBlockFrameBytes, captured));
        }
        // Simple packets have no timestamp.
        return deliver(packet, at, 0, 0, body.subspan(kSimplePacketBody, captured), original);
    }
    if (body.size() < kEnhancedPacketBody) {
        return fail(at, fmt::format("{} body of {} bytes is below {}", block_name(type), body.size(),
                                    kEnhancedPacketBody));
    }
    // The obsolete packet block has a 16-bit interface and a drop count where the enhanced
    // one has a 32-bit interface; the rest is laid out alike.
    const std::uint32_t interface = type == kPcapngEnhancedPacket ? u32(body, 0) : u16(body, 0);
    if (interface >= interfaces_.size()) {
        return fail(at, fmt::format("{} names interface {} but its section describes {}",
                                    block_name(type), interface, interfaces_.size()));
    }
    const std::uint64_t units = std::uint64_t{u32(body, 4)} << 32 | u32(body, 8);
    const auto captured = u32(body, 12);
    const auto original = u32(body, 16);
    if (captured > kMaxCapturedBytes) {
        return fail(at, fmt::format("captured length {} exceeds maximum {}", captured,
                                    kMaxCapturedBytes));
    }
    if (captured > body.size() - kEnhancedPacketBody) {
        return fail(at, fmt::format("captured length {} runs past its {} of {} bytes", captured,
                                    block_name(type), body.size() + kBlockFrameBytes));
    }
    return deliver(packet, at, interface, units, body.subspan(kEnhancedPacketBody, captured),
                   original);
}

}  // namespace netlens::packet
