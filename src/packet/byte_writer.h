// The writing twin of ByteCursor: stores numbers and bytes into a fixed span and never
// past its end. A store that would overrun writes nothing and leaves the writer failed for
// good, so a builder writes a whole header and checks `ok()` once. Used for capture-file
// records and for the headers of generated packets.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "packet/byte_cursor.h"

namespace netlens::packet {

class ByteWriter {
public:
    ByteWriter() = default;
    explicit ByteWriter(std::span<std::byte> out) : out_(out) {}

    bool ok() const { return ok_; }
    std::size_t offset() const { return position_; }
    std::size_t remaining() const { return out_.size() - position_; }
    // What has been written so far.
    std::span<std::byte> written() const { return out_.first(position_); }

    void u8(std::uint8_t value) {
        if (auto at = advance(1); !at.empty()) at[0] = std::byte{value};
    }
    void u16be(std::uint16_t value) { store(value, 2, true); }
    void u16le(std::uint16_t value) { store(value, 2, false); }
    void u32be(std::uint32_t value) { store(value, 4, true); }
    void u32le(std::uint32_t value) { store(value, 4, false); }
    void bytes(Bytes data) {
        if (auto at = advance(data.size()); !at.empty()) std::copy(data.begin(), data.end(), at.begin());
    }
    void zeros(std::size_t count) {
        if (auto at = advance(count); !at.empty()) std::fill(at.begin(), at.end(), std::byte{0});
    }
    // Reserves `count` bytes to be filled later (a checksum, a length), zeroed.
    std::span<std::byte> hole(std::size_t count) {
        auto at = advance(count);
        std::fill(at.begin(), at.end(), std::byte{0});
        return at;
    }

private:
    void store(std::uint64_t value, std::size_t width, bool big_endian) {
        auto at = advance(width);
        for (std::size_t i = 0; i < at.size(); ++i) {
            std::size_t shift = 8 * (big_endian ? width - 1 - i : i);
            at[i] = std::byte(static_cast<std::uint8_t>(value >> shift));
        }
    }
    std::span<std::byte> advance(std::size_t count) {
        if (!ok_ || count > remaining()) {
            ok_ = false;
            return {};
        }
        auto taken = out_.subspan(position_, count);
        position_ += count;
        return taken;
    }

    std::span<std::byte> out_;
    std::size_t position_ = 0;
    bool ok_ = true;
};

// Fixed-offset stores into a span the caller already checked is long enough.
inline void store_u16be(std::span<std::byte> out, std::size_t at, std::uint16_t value) {
    out[at] = std::byte(static_cast<std::uint8_t>(value >> 8));
    out[at + 1] = std::byte(static_cast<std::uint8_t>(value));
}

}  // namespace netlens::packet
