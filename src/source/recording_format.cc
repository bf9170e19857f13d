#include "source/recording_format.h"

#include <linux/netlink.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "source/recording.h"

namespace netlens::source {

namespace {

constexpr std::string_view kMagic = "NLRECORD";
constexpr uint32_t kVersion = 1;
constexpr uint32_t kByteOrder = 0x01020304;
// The largest errno the kernel uses; anything above is damage, not an answer.
constexpr int32_t kMaxErrno = 4095;

void put_u32(std::string& out, uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void put_blob(std::string& out, std::string_view blob) {
    put_u32(out, static_cast<uint32_t>(blob.size()));
    out.append(blob);
}

// Reads little-endian fields from a byte range, refusing any read past its end. Offsets
// in messages are from the start of the file.
class Cursor {
public:
    Cursor(std::span<const std::byte> bytes, size_t base) : bytes_(bytes), base_(base) {}

    size_t offset() const { return base_ + used_; }
    size_t left() const { return bytes_.size() - used_; }

    bool u8(uint8_t& value) {
        if (left() < 1) return false;
        value = static_cast<uint8_t>(bytes_[used_++]);
        return true;
    }
    bool u32(uint32_t& value) {
        if (left() < 4) return false;
        value = 0;
        for (int i = 0; i < 4; ++i) value |= static_cast<uint32_t>(bytes_[used_ + i]) << (8 * i);
        used_ += 4;
        return true;
    }
    std::span<const std::byte> take(size_t count) {
        const auto part = bytes_.subspan(used_, count);  // callers check left() first
        used_ += count;
        return part;
    }

private:
    std::span<const std::byte> bytes_;
    size_t base_;
    size_t used_ = 0;
};

struct Damage {
    size_t offset;
    std::string what;
};

// Reads a blob: its length must fit in what is left of the record.
std::optional<Damage> read_blob(Cursor& body, const char* field, std::string& into) {
    const size_t at = body.offset();
    uint32_t length = 0;
    if (!body.u32(length)) return Damage{at, fmt::format("{}: length cut off ({} bytes left in the record)", field, body.left())};
    if (length > body.left()) {
        return Damage{at, fmt::format("{}: length {} exceeds the {} bytes left in the record", field, length, body.left())};
    }
    const auto bytes = body.take(length);
    into.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return std::nullopt;
}

std::optional<Damage> read_body(Cursor& body, Entry& entry) {
    if (auto damage = read_blob(body, "namespace", entry.netns)) return damage;
    if (auto damage = read_blob(body, "subject", entry.subject)) return damage;
    if (!body.u32(entry.number)) return Damage{body.offset(), "number cut off"};
    if (auto damage = read_blob(body, "request", entry.request)) return damage;
    const size_t err_at = body.offset();
    uint32_t err = 0;
    if (!body.u32(err)) return Damage{err_at, "errno cut off"};
    entry.err = static_cast<int32_t>(err);
    if (entry.err < 0 || entry.err > kMaxErrno) return Damage{err_at, fmt::format("errno {} is out of range", entry.err)};
    uint32_t count = 0;
    if (!body.u32(count)) return Damage{body.offset(), "answer count cut off"};
    // No reserve(count): the count is outside data; each part proves itself by fitting.
    for (uint32_t i = 0; i < count; ++i) {
        std::string part;
        if (auto damage = read_blob(body, "answer part", part)) {
            damage->what += fmt::format(" (part {} of {})", i + 1, count);
            return damage;
        }
        entry.answer.push_back(std::move(part));
    }
    return std::nullopt;
}

// What each kind's answer must look like for a replay to serve it.
std::optional<std::string> check_shape(const Entry& entry) {
    switch (entry.kind) {
        case EntryKind::netns: return std::nullopt;
        case EntryKind::netlink:
            if (entry.request.size() < sizeof(nlmsghdr)) return "netlink request shorter than a message header";
            return std::nullopt;
        case EntryKind::file:
            if (entry.err == 0 && entry.answer.size() != 1) return "file answer must be one text";
            return std::nullopt;
        case EntryKind::ethtool:
            if (entry.err == 0 && (entry.answer.size() != 1 || entry.answer[0].size() != entry.number)) {
                return fmt::format("ethtool answer must be one buffer of {} bytes", entry.number);
            }
            return std::nullopt;
    }
    return std::nullopt;
}

bool known_kind(uint8_t kind) { return kind >= 1 && kind <= 4; }

}  // namespace

std::string encode_recording_header() {
    std::string out(kMagic);
    put_u32(out, kVersion);
    uint32_t order = kByteOrder;
    out.append(reinterpret_cast<const char*>(&order), sizeof order);
    return out;
}

std::string encode_entry(const Entry& entry) {
    std::string body;
    put_blob(body, entry.netns);
    put_blob(body, entry.subject);
    put_u32(body, entry.number);
    put_blob(body, entry.request);
    put_u32(body, static_cast<uint32_t>(entry.err));
    put_u32(body, static_cast<uint32_t>(entry.answer.size()));
    for (const auto& part : entry.answer) put_blob(body, part);

    std::string out;
    out.push_back(static_cast<char>(entry.kind));
    put_u32(out, static_cast<uint32_t>(body.size()));
    return out + body;
}

Result<ParseOutcome> parse_recording(std::span<const std::byte> bytes, Recording& into) {
    if (bytes.size() < kRecordingHeaderSize ||
        std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
        return Error{ExitCode::usage, "not a netlens recording (no NLRECORD header)"};
    }
    Cursor header(bytes.subspan(kMagic.size(), 8), kMagic.size());
    uint32_t version = 0;
    header.u32(version);
    if (version != kVersion) {
        return Error{ExitCode::usage, fmt::format("recording version {} is not supported (this netlens reads {})",
                                                  version, kVersion)};
    }
    uint32_t order = 0;
    std::memcpy(&order, bytes.data() + 12, sizeof order);
    if (order != kByteOrder) {
        return Error{ExitCode::usage, "recording was made on a host of the other byte order"};
    }

    Cursor file(bytes.subspan(kRecordingHeaderSize), kRecordingHeaderSize);
    ParseOutcome outcome;
    auto damaged = [&](const Damage& damage, size_t record_at, uint8_t kind) {
        outcome.damage = Error{ExitCode::partial, fmt::format("offset {}: record at offset {} (kind {}): {}",
                                                              damage.offset, record_at, kind, damage.what)};
    };
    while (file.left() > 0) {
        const size_t record_at = file.offset();
        uint8_t kind = 0;
        uint32_t length = 0;
        file.u8(kind);
        if (!file.u32(length)) {
            damaged({record_at, fmt::format("record header cut off ({} bytes left)", file.left() + 1)}, record_at, kind);
            break;
        }
        if (length > file.left()) {
            damaged({record_at + 1, fmt::format("length {} exceeds the {} bytes left in the file", length, file.left())},
                    record_at, kind);
            break;
        }
        Cursor body(file.take(length), record_at + 5);
        if (!known_kind(kind)) continue;  // a kind from a later version
        Entry entry{.kind = static_cast<EntryKind>(kind)};
        if (auto damage = read_body(body, entry)) {
            damaged(*damage, record_at, kind);
            break;
        }
        if (auto wrong = check_shape(entry)) {
            damaged({record_at, *wrong}, record_at, kind);
            break;
        }
        into.add(std::move(entry));
    }
    return outcome;
}

}  // namespace netlens::source
