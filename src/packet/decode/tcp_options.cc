// TCP options: kind, length, value — except end-of-list and no-op, which are one byte.
// The ones a connection's analysis needs are kept (MSS, window scale, SACK permitted,
// SACK blocks, timestamps: RFC 9293, 7323, 2018); others are skipped by their length.
// An option whose length is wrong for its kind makes the rest unreadable, as it does
// for Wireshark: what came before it is kept.
#include "packet/decode/decoders.h"

namespace netlens::packet::detail {
namespace {

constexpr std::uint8_t kEnd = 0;
constexpr std::uint8_t kNoOperation = 1;
constexpr std::uint8_t kMss = 2;
constexpr std::uint8_t kWindowScale = 3;
constexpr std::uint8_t kSackPermitted = 4;
constexpr std::uint8_t kSack = 5;
constexpr std::uint8_t kTimestamps = 8;
constexpr std::size_t kSackBlockBytes = 8;

// One option's value (the bytes after kind and length); false when its length is wrong.
bool read_option(std::uint8_t kind, Bytes value, TcpOptions& out) {
    switch (kind) {
        case kMss:
            if (value.size() != 2) return false;
            out.has_mss = true;
            out.mss = load_u16be(value, 0);
            return true;
        case kWindowScale:
            if (value.size() != 1) return false;
            out.has_window_scale = true;
            out.window_scale = load_u8(value, 0);
            return true;
        case kSackPermitted:
            if (!value.empty()) return false;
            out.sack_permitted = true;
            return true;
        case kSack: {
            const std::size_t blocks = value.size() / kSackBlockBytes;
            if (blocks == 0 || blocks > kMaxSackBlocks || value.size() % kSackBlockBytes != 0) return false;
            out.sack_block_count = static_cast<std::uint8_t>(blocks);
            for (std::size_t i = 0; i < blocks; ++i)
                out.sack_blocks[i] = {load_u32be(value, i * kSackBlockBytes),
                                      load_u32be(value, i * kSackBlockBytes + 4)};
            return true;
        }
        case kTimestamps:
            if (value.size() != 8) return false;
            out.has_timestamps = true;
            out.timestamp_value = load_u32be(value, 0);
            out.timestamp_echo = load_u32be(value, 4);
            return true;
        default: return true;
    }
}

}  // namespace

bool decode_tcp_options(Bytes options, TcpOptions& out) {
    ByteCursor cursor{options};
    while (!cursor.empty()) {
        const std::uint8_t kind = cursor.u8();
        if (kind == kEnd) break;
        if (kind == kNoOperation) continue;
        const std::uint8_t length = cursor.u8();
        if (!cursor.ok() || length < 2) return false;
        const Bytes value = cursor.take(length - 2U);
        if (!cursor.ok() || !read_option(kind, value, out)) return false;
    }
    return true;
}

}  // namespace netlens::packet::detail
