// Reads the packets of a pcap or pcapng file held in memory (a mapping or a buffer), one
// at a time and without copying: each packet's bytes are a view into that memory, so the
// memory must outlive every packet taken from it. The hot loop, next(), does a few bounds
// checks and loads per record and never allocates; only an interface description block
// grows the interface table.
//
// What is an error and what is tolerated follows libpcap and tshark (wiretap):
// - A file cut short anywhere (record header, packet data, block) is an error, as both
//   report it ("truncated dump file" / "cut short in the middle of a packet").
// - pcap: a captured length above kMaxCapturedBytes (libpcap's and wiretap's maximum
//   snapshot length, 262144) is an error; one above the header's snaplen but below that
//   maximum is delivered whole, as tshark does (libpcap cuts it to snaplen). A captured
//   length above the original length is delivered as it is, as both do.
// - pcapng: a block whose total length is below 12 or its body's minimum, not a multiple
//   of 4, above kMaxBlockBytes, or not repeated identically at its end is an error; so is
//   a packet block naming an interface not yet described in its section, a simple packet
//   block with no interface 0, and a captured length past the block's body. Blocks of any
//   other type (name resolution, statistics, custom, unknown) are skipped by their length.
//   tshark shows a custom block as a frame of its own, so after one its frame.number is
//   ahead of ours; libpcap skips them as we do. Every section header starts a new
//   interface table, in its own byte order.
// - Timestamps: pcap seconds and micro/nanoseconds as written (libpcap does not check the
//   fraction either); pcapng if_tsresol in both forms, plus if_tsoffset seconds. A
//   resolution finer than 2^-63 or 10^-19 is an error, as in libpcap (tshark reads 2^-127
//   as seconds). A simple packet block has no timestamp: it gets 0 plus if_tsoffset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "packet/byte_cursor.h"
#include "packet/capture_format.h"

namespace netlens::packet {

inline constexpr std::uint32_t kMaxCapturedBytes = 262144;
inline constexpr std::uint32_t kMaxBlockBytes = 16 * 1024 * 1024;

enum class CaptureFormat : std::uint8_t { pcap, pcapng };

struct CapturedPacket {
    std::uint64_t number = 0;           // 1-based, as tshark's frame.number
    std::uint32_t interface = 0;        // pcapng interface index in its section; 0 for pcap
    LinkType link_type = LinkType::ethernet;  // any value the file names, listed or not
    std::int64_t timestamp_ns = 0;      // nanoseconds since the epoch (UTC)
    Bytes data;                         // the captured bytes, a view into the file
    std::uint32_t original_length = 0;  // length on the wire
    std::uint64_t file_offset = 0;      // where the record or block starts
};

// Where reading stopped, and why; `message` is the whole line, e.g.
// "trace.pcap: packet 7812 at offset 1234567: record length 70000 exceeds maximum 262144".
struct CaptureError {
    std::string message;
    std::uint64_t offset = 0;         // byte offset of the damaged record or block
    std::uint64_t packet_number = 0;  // the number the damaged packet would have had
};

// One pcapng interface (or the pcap file's only one) as packets need it.
struct CaptureInterface {
    LinkType link_type = LinkType::ethernet;
    std::uint32_t snaplen = 0;  // pcapng: 0 is no limit
    std::string name;  // if_name, empty when absent
    // Timestamp units to nanoseconds: (units * multiply / divide) >> shift, plus offset.
    std::uint64_t multiply = 1;
    std::uint64_t divide = 1;
    std::uint8_t shift = 0;
    std::int64_t offset_ns = 0;  // if_tsoffset
};

class CaptureReader {
public:
    // Reads the file header (pcap) or first section header (pcapng). `name` is what
    // messages call the file. Fails on anything that is neither, naming the first bytes.
    static Result<CaptureReader> open(Bytes bytes, std::string name);

    // Fills `packet` with the next one; false at the end or on damage (see error()).
    bool next(CapturedPacket& packet) {
        if (failed_ || offset_ >= bytes_.size()) return false;
        return format_ == CaptureFormat::pcap ? next_pcap(packet) : next_pcapng(packet);
    }

    // Set once next() has returned false because of damage; empty after a clean end.
    const std::optional<CaptureError>& error() const { return error_; }
    CaptureFormat format() const { return format_; }
    // Interfaces of the current section (pcap: the one the file header describes).
    const std::vector<CaptureInterface>& interfaces() const { return interfaces_; }
    std::uint64_t packets_read() const { return packets_read_; }

private:
    CaptureReader(Bytes bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}

    bool open_pcap();
    bool next_pcap(CapturedPacket& packet);
    bool open_pcapng();
    bool next_pcapng(CapturedPacket& packet);
    bool frame_block(std::uint32_t& type, Bytes& body);
    bool read_section_header(std::size_t at, Bytes block);
    bool read_interface(std::size_t at, Bytes body);
    bool read_packet_block(std::uint32_t type, std::size_t at, Bytes body, CapturedPacket& packet);
    bool deliver(CapturedPacket& packet, std::size_t at, std::uint32_t interface,
                 std::uint64_t units, Bytes data, std::uint32_t original_length);
    bool fail(std::size_t at, const std::string& what);

    std::uint32_t u32(Bytes bytes, std::size_t at) const {
        return big_endian_ ? load_u32be(bytes, at) : load_u32le(bytes, at);
    }
    std::uint16_t u16(Bytes bytes, std::size_t at) const {
        return big_endian_ ? load_u16be(bytes, at) : load_u16le(bytes, at);
    }

    Bytes bytes_;
    std::string name_;
    CaptureFormat format_ = CaptureFormat::pcap;
    bool big_endian_ = false;
    bool failed_ = false;
    std::size_t offset_ = 0;
    std::uint64_t packets_read_ = 0;
    std::vector<CaptureInterface> interfaces_;
    std::optional<CaptureError> error_;
};

}  // namespace netlens::packet
