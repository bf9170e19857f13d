// The format-neutral part of CaptureReader: telling pcap from pcapng by the first four
// bytes, turning timestamp units into nanoseconds, and wording errors. The formats
// themselves are read in pcap_records.cc and pcapng_blocks.cc.
#include "packet/capture_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "packet/decompress.h"

namespace netlens::packet {
namespace {

// (units * 10^9) for a 2^-n resolution needs up to 94 bits before the shift.
__extension__ using Wide = unsigned __int128;

std::string first_bytes(Bytes bytes) {
    if (bytes.empty()) return "the file is empty";
    std::string text = "first bytes:";
    for (const auto byte : bytes.first(std::min<std::size_t>(bytes.size(), 8))) {
        text += fmt::format(" {:02x}", static_cast<unsigned>(byte));
    }
    return text;
}

}  // namespace

Result<CaptureReader> CaptureReader::open(Bytes bytes, std::string name) {
    CaptureReader reader(bytes, std::move(name));
    if (detect_compression(bytes) != Compression::none) {
        return Error{ExitCode::failure,
                     fmt::format("{}: compressed capture (gzip or zstd); decompress "
                                 "it first, e.g. with zcat or zstdcat", reader.name_)};
    }
    const auto magic_be = bytes.size() >= 4 ? load_u32be(bytes, 0) : 0;
    const auto magic_le = bytes.size() >= 4 ? load_u32le(bytes, 0) : 0;
    bool opened = false;
    if (magic_be == kPcapngSectionHeader) {
        reader.format_ = CaptureFormat::pcapng;
        opened = reader.open_pcapng();
    } else if (magic_be == kPcapMagicMicroseconds || magic_be == kPcapMagicNanoseconds ||
               magic_le == kPcapMagicMicroseconds || magic_le == kPcapMagicNanoseconds) {
        reader.format_ = CaptureFormat::pcap;
        opened = reader.open_pcap();
    } else {
        return Error{ExitCode::failure, fmt::format("{}: not a pcap or pcapng file ({})",
                                                    reader.name_, first_bytes(bytes))};
    }
    if (!opened) return Error{ExitCode::failure, reader.error_->message};
    return reader;
}

bool CaptureReader::deliver(CapturedPacket& packet, std::size_t at, std::uint32_t interface,
                            std::uint64_t units, Bytes data, std::uint32_t original_length) {
    const auto& scale = interfaces_[interface];
    // Unsigned arithmetic: a nonsense timestamp wraps instead of being undefined.
    std::uint64_t ns = 0;
    if (scale.divide == 1 && scale.shift == 0) {
        ns = units * scale.multiply;
    } else {
        const auto wide = static_cast<Wide>(units) * scale.multiply / scale.divide;
        ns = static_cast<std::uint64_t>(wide >> scale.shift);
    }
    packet.number = ++packets_read_;
    packet.interface = interface;
    packet.link_type = scale.link_type;
    packet.timestamp_ns = static_cast<std::int64_t>(ns + static_cast<std::uint64_t>(scale.offset_ns));
    packet.data = data;
    packet.original_length = original_length;
    packet.file_offset = at;
    return true;
}

bool CaptureReader::fail(std::size_t at, const std::string& what) {
    const auto number = packets_read_ + 1;
    error_ = CaptureError{fmt::format("{}: packet {} at offset {}: {}", name_, number, at, what),
                          at, number};
    failed_ = true;
    return false;
}

}  // namespace netlens::packet
