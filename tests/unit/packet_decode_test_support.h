// Packets built byte by byte from the RFC layouts, for the decoder tests, and a way to
// hand them to tshark: a pcap file writer (the few lines a test needs) and a runner for
// `tshark -T fields`, whose answers the tests compare with the decoder's.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include "packet/byte_cursor.h"
#include "packet/capture_format.h"

namespace netlens::packet::packet_testing {

using Frame = std::vector<std::byte>;

inline void put8(Frame& frame, unsigned value) { frame.push_back(static_cast<std::byte>(value & 0xff)); }
inline void put16(Frame& frame, unsigned value) {
    put8(frame, value >> 8);
    put8(frame, value);
}
inline void put32(Frame& frame, std::uint32_t value) {
    put16(frame, value >> 16);
    put16(frame, value & 0xffff);
}
inline void put32le(Frame& frame, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) put8(frame, value >> (8 * i));
}
inline void put(Frame& frame, const Frame& more) { frame.insert(frame.end(), more.begin(), more.end()); }
inline Frame bytes(std::initializer_list<unsigned> values) {
    Frame frame;
    for (const unsigned value : values) put8(frame, value);
    return frame;
}
inline Frame filler(std::size_t count, unsigned first = 0) {
    Frame frame;
    for (std::size_t i = 0; i < count; ++i) put8(frame, first + i);
    return frame;
}
inline Frame cat(std::initializer_list<Frame> parts) {
    Frame frame;
    for (const auto& part : parts) put(frame, part);
    return frame;
}
inline Bytes view(const Frame& frame) { return Bytes{frame}; }

// RFC 1071 checksum, so that tshark sees the headers as a sender would write them.
inline std::uint16_t internet_checksum(const Frame& frame) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < frame.size(); i += 2)
        sum += static_cast<unsigned>(frame[i]) << 8 | static_cast<unsigned>(frame[i + 1]);
    if (frame.size() % 2) sum += static_cast<unsigned>(frame.back()) << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

struct Vlan {
    unsigned tpid;
    unsigned tci;
};

inline Frame ethernet(unsigned ethertype, const Frame& payload, std::initializer_list<Vlan> vlans = {}) {
    Frame frame = bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01});
    for (const auto& vlan : vlans) {
        put16(frame, vlan.tpid);
        put16(frame, vlan.tci);
    }
    put16(frame, ethertype);
    put(frame, payload);
    while (frame.size() < 60) put8(frame, 0);  // Ethernet's minimum frame, FCS not captured
    return frame;
}

struct Ipv4 {
    std::array<unsigned, 4> source{192, 0, 2, 1};
    std::array<unsigned, 4> destination{198, 51, 100, 7};
    unsigned protocol = 6;
    unsigned ttl = 64;
    unsigned id = 0x1234;
    bool dont_fragment = true;
    bool more_fragments = false;
    unsigned offset_bytes = 0;
    Frame options;
    int total_length = -1;  // -1: header plus payload
};

inline Frame ipv4(const Ipv4& spec, const Frame& payload) {
    Frame frame;
    put8(frame, 0x40 | (5 + spec.options.size() / 4));
    put8(frame, 0);
    put16(frame, spec.total_length >= 0 ? unsigned(spec.total_length) : 20 + spec.options.size() + payload.size());
    put16(frame, spec.id);
    put16(frame, (spec.dont_fragment ? 0x4000 : 0) | (spec.more_fragments ? 0x2000 : 0) | spec.offset_bytes / 8);
    put8(frame, spec.ttl);
    put8(frame, spec.protocol);
    put16(frame, 0);
    for (unsigned octet : spec.source) put8(frame, octet);
    for (unsigned octet : spec.destination) put8(frame, octet);
    put(frame, spec.options);
    const std::uint16_t sum = internet_checksum(frame);
    frame[10] = static_cast<std::byte>(sum >> 8);
    frame[11] = static_cast<std::byte>(sum & 0xff);
    put(frame, payload);
    return frame;
}

// 2001:db8::<last> addresses.
inline Frame ipv6(unsigned next_header, const Frame& payload, unsigned source_last = 1, unsigned destination_last = 2,
                  int payload_length = -1) {
    Frame frame;
    put32(frame, 0x60000000 | 0x00012345);  // traffic class 0, flow label 0x12345
    put16(frame, payload_length >= 0 ? unsigned(payload_length) : payload.size());
    put8(frame, next_header);
    put8(frame, 61);
    for (unsigned last : {source_last, destination_last}) {
        put(frame, bytes({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        put8(frame, last);
    }
    put(frame, payload);
    return frame;
}

struct Tcp {
    unsigned source_port = 40000;
    unsigned destination_port = 443;
    std::uint32_t seq = 0x01020304;
    std::uint32_t ack = 0xa0b0c0d0;
    unsigned flags = 0x018;  // PSH ACK
    unsigned window = 501;
    Frame options;  // padded to a 4-byte multiple by the caller
    int data_offset_words = -1;
};

inline Frame tcp(const Tcp& spec, const Frame& payload = {}) {
    Frame frame;
    put16(frame, spec.source_port);
    put16(frame, spec.destination_port);
    put32(frame, spec.seq);
    put32(frame, spec.ack);
    const unsigned words = spec.data_offset_words >= 0 ? unsigned(spec.data_offset_words) : 5 + spec.options.size() / 4;
    put8(frame, words << 4 | (spec.flags >> 8));
    put8(frame, spec.flags & 0xff);
    put16(frame, spec.window);
    put16(frame, 0xbeef);
    put16(frame, 0);
    put(frame, spec.options);
    put(frame, payload);
    return frame;
}

inline Frame udp(unsigned source_port, unsigned destination_port, const Frame& payload, int length = -1) {
    Frame frame;
    put16(frame, source_port);
    put16(frame, destination_port);
    put16(frame, length >= 0 ? unsigned(length) : 8 + payload.size());
    put16(frame, 0);
    put(frame, payload);
    return frame;
}

inline Frame icmp(unsigned type, unsigned code, std::uint32_t rest, const Frame& payload) {
    Frame frame;
    put8(frame, type);
    put8(frame, code);
    put16(frame, 0);
    put32(frame, rest);
    put(frame, payload);
    return frame;
}

// A pcap file (microsecond magic, little-endian) of `frames`, one per second.
inline void write_pcap(const std::string& path, LinkType link_type, const std::vector<Frame>& frames) {
    Frame file;
    put32le(file, kPcapMagicMicroseconds);
    put8(file, 2), put8(file, 0), put8(file, 4), put8(file, 0);  // version 2.4
    put32le(file, 0);
    put32le(file, 0);
    put32le(file, 65535);
    put32le(file, static_cast<std::uint32_t>(link_type));
    std::uint32_t second = 1;
    for (const auto& frame : frames) {
        put32le(file, second++);
        put32le(file, 0);
        put32le(file, static_cast<std::uint32_t>(frame.size()));
        put32le(file, static_cast<std::uint32_t>(frame.size()));
        put(file, frame);
    }
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
}

// The packets of a pcap file as written by tcpdump on this machine (microsecond magic in
// little-endian order — the only kind the tests read), with their capture times in ns.
struct CapturedFrame {
    std::int64_t time_ns;
    Frame bytes;
};
inline std::vector<CapturedFrame> read_pcap(const std::string& path, LinkType& link_type) {
    std::ifstream in(path, std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Bytes all{reinterpret_cast<const std::byte*>(file.data()), file.size()};
    std::vector<CapturedFrame> frames;
    if (all.size() < kPcapFileHeaderBytes || load_u32le(all, 0) != kPcapMagicMicroseconds) return frames;
    link_type = static_cast<LinkType>(load_u32le(all, 20));
    ByteCursor cursor{all.subspan(kPcapFileHeaderBytes)};
    while (!cursor.empty()) {
        const std::int64_t seconds = cursor.u32le();
        const std::int64_t micros = cursor.u32le();
        const std::uint32_t captured = cursor.u32le();
        cursor.u32le();
        const Bytes data = cursor.take(captured);
        if (!cursor.ok()) break;
        frames.push_back({seconds * 1'000'000'000 + micros * 1000, Frame(data.begin(), data.end())});
    }
    return frames;
}

// Bytes as tshark prints a bytes field: lowercase hex digits, no separators.
inline std::string hex_bytes(Bytes data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (const std::byte value : data) {
        text += kDigits[static_cast<unsigned>(value) >> 4];
        text += kDigits[static_cast<unsigned>(value) & 0xf];
    }
    return text;
}

inline bool have_tshark() { return std::system("tshark --version >/dev/null 2>&1") == 0; }

// One row per packet, one string per field ("" when tshark has no such field there;
// several occurrences joined by ',').
inline std::vector<std::vector<std::string>> tshark_fields(const std::string& path,
                                                           const std::vector<std::string>& fields,
                                                           const std::string& options = "") {
    std::string command = "tshark -n -o tcp.relative_sequence_numbers:FALSE " + options + " -r " + path +
                          " -T fields -E separator=/t -E occurrence=a";
    for (const auto& field : fields) command += " -e " + field;
    command += " 2>/dev/null";
    std::vector<std::vector<std::string>> rows;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return rows;
    std::string line;
    for (int c = fgetc(pipe); c != EOF; c = fgetc(pipe)) {
        if (c != '\n') {
            line += static_cast<char>(c);
            continue;
        }
        std::vector<std::string> row(1);
        for (char ch : line) {
            if (ch == '\t')
                row.emplace_back();
            else
                row.back() += ch;
        }
        row.resize(fields.size());
        rows.push_back(row);
        line.clear();
    }
    pclose(pipe);
    return rows;
}

inline std::string scratch_path(const std::string& name) {
    return ::testing::TempDir() + "netlens_" + name + "_" + std::to_string(getpid()) + ".pcap";
}

}  // namespace netlens::packet::packet_testing
