// The numbers that define capture files: pcap's magics and pcapng's block types, and the
// LINKTYPE_ values (tcpdump.org/linktypes.html) that say how a packet's first bytes are
// to be read. Readers and writers take them from here so both speak the same format.
#pragma once

#include <cstddef>
#include <cstdint>

namespace netlens::packet {

// pcap: the first four bytes, as read in the file's own byte order.
inline constexpr std::uint32_t kPcapMagicMicroseconds = 0xa1b2c3d4;
inline constexpr std::uint32_t kPcapMagicNanoseconds = 0xa1b23c4d;
inline constexpr std::size_t kPcapFileHeaderBytes = 24;
inline constexpr std::size_t kPcapRecordHeaderBytes = 16;

// pcapng (draft-ietf-opsawg-pcapng): block types, and the byte-order magic of the
// section header block, which tells how every later number of the section is read.
inline constexpr std::uint32_t kPcapngSectionHeader = 0x0a0d0d0a;
inline constexpr std::uint32_t kPcapngInterfaceDescription = 0x00000001;
inline constexpr std::uint32_t kPcapngObsoletePacket = 0x00000002;
inline constexpr std::uint32_t kPcapngSimplePacket = 0x00000003;
inline constexpr std::uint32_t kPcapngNameResolution = 0x00000004;
inline constexpr std::uint32_t kPcapngInterfaceStatistics = 0x00000005;
inline constexpr std::uint32_t kPcapngEnhancedPacket = 0x00000006;
inline constexpr std::uint32_t kPcapngByteOrderMagic = 0x1a2b3c4d;
// Interface description options.
inline constexpr std::uint16_t kPcapngOptionEnd = 0;
inline constexpr std::uint16_t kPcapngOptionComment = 1;
inline constexpr std::uint16_t kPcapngIfName = 2;
inline constexpr std::uint16_t kPcapngIfTsresol = 9;
inline constexpr std::uint16_t kPcapngIfTsoffset = 14;

// Compressed captures (tcpdump -w - | gzip, or zstd), recognised by their first bytes.
inline constexpr std::uint8_t kGzipMagic[] = {0x1f, 0x8b};
inline constexpr std::uint8_t kZstdMagic[] = {0x28, 0xb5, 0x2f, 0xfd};

// Link types as written in capture files (not the DLT_ values of libpcap's API, which
// differ for a few old types).
enum class LinkType : std::uint16_t {
    null = 0,          // BSD loopback: a 4-byte address family in the host's byte order
    ethernet = 1,
    raw = 101,         // IPv4 or IPv6, told apart by the version nibble
    linux_sll = 113,   // Linux "cooked" capture v1 (tcpdump -i any)
    loop = 108,        // OpenBSD loopback: the family in network byte order
    ipv4 = 228,
    ipv6 = 229,
    linux_sll2 = 276,  // Linux "cooked" capture v2
};

}  // namespace netlens::packet
