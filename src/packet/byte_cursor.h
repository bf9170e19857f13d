// One bounds-checked way to read outside bytes (capture files, packets, DNS messages):
// a cursor over a span that never reads past its end. A read that would overrun returns
// zero (or an empty span), consumes nothing and leaves the cursor failed for good, so a
// decoder reads a whole header and checks `ok()` once instead of testing every field.
// Nothing is copied: `take` returns a view into the same buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace netlens::packet {

using Bytes = std::span<const std::byte>;

// Fixed-offset loads from a span the caller already checked is long enough.
inline std::uint8_t load_u8(Bytes bytes, std::size_t at) { return static_cast<std::uint8_t>(bytes[at]); }
inline std::uint16_t load_u16be(Bytes bytes, std::size_t at) {
    return static_cast<std::uint16_t>(load_u8(bytes, at) << 8 | load_u8(bytes, at + 1));
}
inline std::uint16_t load_u16le(Bytes bytes, std::size_t at) {
    return static_cast<std::uint16_t>(load_u8(bytes, at + 1) << 8 | load_u8(bytes, at));
}
inline std::uint32_t load_u32be(Bytes bytes, std::size_t at) {
    return std::uint32_t{load_u16be(bytes, at)} << 16 | load_u16be(bytes, at + 2);
}
inline std::uint32_t load_u32le(Bytes bytes, std::size_t at) {
    return std::uint32_t{load_u16le(bytes, at + 2)} << 16 | load_u16le(bytes, at);
}
inline std::uint64_t load_u64be(Bytes bytes, std::size_t at) {
    return std::uint64_t{load_u32be(bytes, at)} << 32 | load_u32be(bytes, at + 4);
}
inline std::uint64_t load_u64le(Bytes bytes, std::size_t at) {
    return std::uint64_t{load_u32le(bytes, at + 4)} << 32 | load_u32le(bytes, at);
}

class ByteCursor {
public:
    ByteCursor() = default;
    explicit ByteCursor(Bytes bytes) : bytes_(bytes) {}

    bool ok() const { return ok_; }
    bool empty() const { return position_ == bytes_.size(); }
    std::size_t offset() const { return position_; }
    std::size_t remaining() const { return bytes_.size() - position_; }
    // What is left to read, without consuming it.
    Bytes rest() const { return bytes_.subspan(position_); }

    std::uint8_t u8() { return has(1) ? load_u8(advance(1), 0) : 0; }
    std::uint16_t u16be() { return has(2) ? load_u16be(advance(2), 0) : 0; }
    std::uint16_t u16le() { return has(2) ? load_u16le(advance(2), 0) : 0; }
    std::uint32_t u32be() { return has(4) ? load_u32be(advance(4), 0) : 0; }
    std::uint32_t u32le() { return has(4) ? load_u32le(advance(4), 0) : 0; }
    std::uint64_t u64be() { return has(8) ? load_u64be(advance(8), 0) : 0; }
    std::uint64_t u64le() { return has(8) ? load_u64le(advance(8), 0) : 0; }

    // The next `count` bytes as a view; empty (and failed) when fewer are left.
    Bytes take(std::size_t count) { return has(count) ? advance(count) : Bytes{}; }
    // Skips `count` bytes; false (and failed) when fewer are left.
    bool skip(std::size_t count) {
        if (!has(count)) return false;
        advance(count);
        return true;
    }

private:
    bool has(std::size_t count) {
        if (ok_ && count <= remaining()) return true;
        ok_ = false;
        return false;
    }
    Bytes advance(std::size_t count) {
        Bytes taken = bytes_.subspan(position_, count);
        position_ += count;
        return taken;
    }

    Bytes bytes_;
    std::size_t position_ = 0;
    bool ok_ = true;
};

}  // namespace netlens::packet
