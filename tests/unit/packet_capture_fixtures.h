// Capture files written byte by byte from the pcap and pcapng specifications, and the two
// independent readers they are checked against: libpcap (pcap_open_offline) and tshark.
#pragma once

#include <pcap/pcap.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "packet/byte_cursor.h"
#include "packet/capture_reader.h"

namespace netlens::packet::testing {

// Appends numbers in one byte order.
struct ByteWriter {
    bool big_endian = false;
    std::vector<std::byte> bytes;

    ByteWriter& u8(std::uint32_t value) {
        bytes.push_back(static_cast<std::byte>(value));
        return *this;
    }
    ByteWriter& u16(std::uint32_t value) {
        return big_endian ? u8(value >> 8).u8(value) : u8(value).u8(value >> 8);
    }
    ByteWriter& u32(std::uint32_t value) {
        return big_endian ? u16(value >> 16).u16(value) : u16(value).u16(value >> 16);
    }
    ByteWriter& u64(std::uint64_t value) {
        const auto high = static_cast<std::uint32_t>(value >> 32);
        const auto low = static_cast<std::uint32_t>(value);
        return big_endian ? u32(high).u32(low) : u32(low).u32(high);
    }
    ByteWriter& raw(Bytes data) {
        bytes.insert(bytes.end(), data.begin(), data.end());
        return *this;
    }
    ByteWriter& pad4() {
        while (bytes.size() % 4 != 0) u8(0);
        return *this;
    }
};

// An Ethernet + IPv4 + TCP or UDP frame (checksums zero: no reader here checks them),
// with `payload` filler bytes, each frame's bytes distinct through `seed`.
inline std::vector<std::byte> ethernet_frame(std::uint8_t protocol, std::uint16_t source_port,
                                             std::uint16_t destination_port, std::size_t payload,
                                             std::uint8_t seed = 0) {
    ByteWriter frame{.big_endian = true};
    for (int i = 0; i < 6; ++i) frame.u8(0x02);
    for (int i = 0; i < 6; ++i) frame.u8(0x04);
    frame.u16(0x0800);
    const std::size_t transport = protocol == 6 ? 20 : 8;
    frame.u8(0x45).u8(0).u16(static_cast<std::uint32_t>(20 + transport + payload)).u16(seed).u16(0);
    frame.u8(64).u8(protocol).u16(0).u32(0x0a000001).u32(0x0a000002);
    frame.u16(source_port).u16(destination_port);
    if (protocol == 6) {
        frame.u32(1).u32(0).u8(0x50).u8(0x18).u16(512).u16(0).u16(0);
    } else {
        frame.u16(static_cast<std::uint32_t>(8 + payload)).u16(0);
    }
    for (std::size_t i = 0; i < payload; ++i) frame.u8(static_cast<std::uint32_t>(seed + i));
    return frame.bytes;
}

// The same IPv4 packet without the Ethernet header, for LINKTYPE_RAW.
inline std::vector<std::byte> raw_ip_packet(std::uint8_t protocol, std::uint16_t source_port,
                                            std::uint16_t destination_port, std::size_t payload,
                                            std::uint8_t seed = 0) {
    auto frame = ethernet_frame(protocol, source_port, destination_port, payload, seed);
    frame.erase(frame.begin(), frame.begin() + 14);
    return frame;
}

struct PcapRecord {
    std::uint32_t seconds = 0;
    std::uint32_t fraction = 0;  // micro- or nanoseconds, as the magic says
    std::vector<std::byte> data;
    std::uint32_t original_length = 0;  // 0: data's size
};

inline std::vector<std::byte> pcap_file(bool big_endian, bool nanoseconds, std::uint32_t snaplen,
                                        std::uint32_t link_type_field,
                                        const std::vector<PcapRecord>& records) {
    ByteWriter file{.big_endian = big_endian};
    file.u32(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(snaplen);
    file.u32(link_type_field);
    for (const auto& record : records) {
        file.u32(record.seconds).u32(record.fraction).u32(static_cast<std::uint32_t>(record.data.size()));
        file.u32(record.original_length != 0 ? record.original_length
                                             : static_cast<std::uint32_t>(record.data.size()));
        file.raw(record.data);
    }
    return file.bytes;
}

// One pcapng block: type, total length, body padded to 4, total length again.
inline void pcapng_block(ByteWriter& file, std::uint32_t type, const std::vector<std::byte>& body) {
    ByteWriter padded{.big_endian = file.big_endian, .bytes = body};
    padded.pad4();
    const auto length = static_cast<std::uint32_t>(12 + padded.bytes.size());
    file.u32(type).u32(length).raw(padded.bytes).u32(length);
}

inline void pcapng_section(ByteWriter& file) {
    ByteWriter body{.big_endian = file.big_endian};
    body.u32(0x1a2b3c4d).u16(1).u16(0).u64(~std::uint64_t{0});
    pcapng_block(file, 0x0a0d0d0a, body.bytes);
}

struct PcapngInterface {
    std::uint16_t link_type = 1;
    std::uint32_t snaplen = 65535;
    int tsresol = -1;  // the if_tsresol byte; -1: none (microseconds)
    std::int64_t tsoffset = 0;
    std::string name;
};

inline void pcapng_interface(ByteWriter& file, const PcapngInterface& interface) {
    ByteWriter body{.big_endian = file.big_endian};
    body.u16(interface.link_type).u16(0).u32(interface.snaplen);
    if (!interface.name.empty()) {
        body.u16(2).u16(static_cast<std::uint32_t>(interface.name.size()));
        body.raw(std::as_bytes(std::span(interface.name))).pad4();
    }
    if (interface.tsresol >= 0) body.u16(9).u16(1).u8(static_cast<std::uint32_t>(interface.tsresol)).pad4();
    if (interface.tsoffset != 0) body.u16(14).u16(8).u64(static_cast<std::uint64_t>(interface.tsoffset));
    body.u16(0).u16(0);
    pcapng_block(file, 1, body.bytes);
}

inline void pcapng_enhanced_packet(ByteWriter& file, std::uint32_t interface, std::uint64_t units,
                                   const std::vector<std::byte>& data, std::uint32_t original = 0) {
    ByteWriter body{.big_endian = file.big_endian};
    body.u32(interface).u32(static_cast<std::uint32_t>(units >> 32)).u32(static_cast<std::uint32_t>(units));
    body.u32(static_cast<std::uint32_t>(data.size()));
    body.u32(original != 0 ? original : static_cast<std::uint32_t>(data.size())).raw(data);
    pcapng_block(file, 6, body.bytes);
}

inline void pcapng_obsolete_packet(ByteWriter& file, std::uint16_t interface, std::uint64_t units,
                                   const std::vector<std::byte>& data) {
    ByteWriter body{.big_endian = file.big_endian};
    body.u16(interface).u16(0).u32(static_cast<std::uint32_t>(units >> 32));
    body.u32(static_cast<std::uint32_t>(units)).u32(static_cast<std::uint32_t>(data.size()));
    body.u32(static_cast<std::uint32_t>(data.size())).raw(data);
    pcapng_block(file, 2, body.bytes);
}

// `data` holds the captured part; `original` is the length on the wire.
inline void pcapng_simple_packet(ByteWriter& file, const std::vector<std::byte>& data,
                                 std::uint32_t original) {
    ByteWriter body{.big_endian = file.big_endian};
    body.u32(original).raw(data);
    pcapng_block(file, 3, body.bytes);
}

// A file removed when the test ends.
class TempFile {
public:
    explicit TempFile(const std::vector<std::byte>& bytes, const char* suffix = ".pcap") {
        path_ = std::string("/tmp/netlens-capture-XXXXXX") + suffix;
        const int fd = mkstemps(path_.data(), static_cast<int>(std::string(suffix).size()));
        if (fd >= 0) {
            (void)!write(fd, bytes.data(), bytes.size());
            close(fd);
        }
    }
    ~TempFile() { unlink(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// What the oracles say about each packet.
struct OraclePacket {
    std::int64_t timestamp_ns = 0;
    bool has_timestamp = true;  // tshark shows none for a simple packet block
    std::uint32_t captured = 0;
    std::uint32_t original = 0;
    std::uint32_t interface = 0;
    std::vector<std::byte> data;  // libpcap only
};

struct OracleRead {
    std::vector<OraclePacket> packets;
    std::string error;  // empty: read to the end
};

inline OracleRead read_with_libpcap(const std::string& path) {
    OracleRead read;
    char message[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO,
                                                             message);
    if (handle == nullptr) {
        read.error = message;
        return read;
    }
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(handle, &header, &data)) == 1) {
        OraclePacket packet;
        packet.timestamp_ns = static_cast<std::int64_t>(header->ts.tv_sec) * 1'000'000'000 + header->ts.tv_usec;
        packet.captured = header->caplen;
        packet.original = header->len;
        const auto* begin = reinterpret_cast<const std::byte*>(data);
        packet.data.assign(begin, begin + header->caplen);
        read.packets.push_back(std::move(packet));
    }
    if (status == PCAP_ERROR) read.error = pcap_geterr(handle);
    pcap_close(handle);
    return read;
}

inline bool have_program(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Every line `command` prints.
inline std::vector<std::string> output_lines(const std::string& command) {
    std::vector<std::string> lines;
    const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return lines;
    char line[4096];
    while (fgets(line, sizeof line, pipe.get()) != nullptr) {
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        lines.push_back(text);
    }
    return lines;
}

// "1700000000.123456789" as nanoseconds.
inline std::int64_t epoch_ns(const std::string& text) {
    const auto dot = text.find('.');
    std::int64_t ns = std::stoll(text.substr(0, dot)) * 1'000'000'000;
    if (dot != std::string::npos) {
        std::string fraction = text.substr(dot + 1, 9);
        fraction.resize(9, '0');
        ns += std::stoll(fraction);
    }
    return ns;
}

// tshark's frame.number, frame.time_epoch, frame.len, frame.cap_len, frame.interface_id.
inline std::vector<OraclePacket> read_with_tshark(const std::string& path) {
    std::vector<OraclePacket> packets;
    const auto lines = output_lines(
        "tshark -r '" + path +
        "' -T fields -E separator=, -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len"
        " -e frame.interface_id 2>/dev/null");
    for (const auto& line : lines) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        while (true) {
            const auto comma = line.find(',', start);
            fields.push_back(line.substr(start, comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (fields.size() < 5) continue;
        OraclePacket packet;
        packet.has_timestamp = !fields[1].empty();
        if (packet.has_timestamp) packet.timestamp_ns = epoch_ns(fields[1]);
        packet.original = static_cast<std::uint32_t>(std::stoul(fields[2]));
        packet.captured = static_cast<std::uint32_t>(std::stoul(fields[3]));
        packet.interface = fields[4].empty() ? 0 : static_cast<std::uint32_t>(std::stoul(fields[4]));
        packets.push_back(std::move(packet));
    }
    return packets;
}

// What our reader makes of a file: every packet, and the error that stopped it.
struct OurRead {
    std::vector<CapturedPacket> packets;
    std::optional<CaptureError> error;
    std::string open_error;  // set when the file header itself was refused
};

inline OurRead read_with_reader(Bytes bytes, const std::string& name) {
    OurRead read;
    auto reader = CaptureReader::open(bytes, name);
    if (!reader) {
        read.open_error = reader.error().message;
        return read;
    }
    CapturedPacket packet;
    while (reader->next(packet)) read.packets.push_back(packet);
    read.error = reader->error();
    return read;
}

}  // namespace netlens::packet::testing
