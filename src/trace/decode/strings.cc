#include "trace/decode/strings.h"

#include <algorithm>

#include <fmt/format.h>

#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

constexpr size_t kPathMax = 4096;

bool is_printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// The C escape strace uses for a control character, or 0.
char c_escape(unsigned char c) {
    switch (c) {
        case '\t': return 't';
        case '\n': return 'n';
        case '\v': return 'v';
        case '\f': return 'f';
        case '\r': return 'r';
        default: return 0;
    }
}

bool needs_hex(std::span<const std::byte> bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](std::byte b) {
        const auto c = static_cast<unsigned char>(b);
        return !is_printable(c) && c_escape(c) == 0;
    });
}

// Whether the JSON form can carry the bytes as they are: well-formed UTF-8 (no overlong
// forms, surrogates or code points past U+10FFFF), which is what nlohmann accepts.
bool is_utf8(std::string_view text) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    for (size_t i = 0; i < text.size();) {
        const unsigned char lead = byte(i);
        size_t follow = 0;
        unsigned char low = 0x80, high = 0xbf;  // the allowed range of the first continuation byte
        if (lead < 0x80) follow = 0;
        else if (lead >= 0xc2 && lead <= 0xdf) follow = 1;
        else if (lead >= 0xe0 && lead <= 0xef) {
            follow = 2;
            if (lead == 0xe0) low = 0xa0;
            if (lead == 0xed) high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            follow = 3;
            if (lead == 0xf0) low = 0x90;
            if (lead == 0xf4) high = 0x8f;
        } else {
            return false;
        }
        if (follow >= text.size() - i) return false;
        for (size_t k = 1; k <= follow; ++k) {
            const unsigned char next = byte(i + k);
            if (k == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xbf)) return false;
        }
        i += follow + 1;
    }
    return true;
}

}  // namespace

std::string quote_bytes(std::span<const std::byte> bytes, DecodeOptions::Hex hex) {
    const bool all_hex = hex == DecodeOptions::Hex::all || (hex == DecodeOptions::Hex::non_ascii && needs_hex(bytes));
    std::string out = "\"";
    for (size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (all_hex) {
            out += fmt::format("\\x{:02x}", c);
        } else if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (is_printable(c)) {
            out += static_cast<char>(c);
        } else if (const char escape = c_escape(c)) {
            out += '\\';
            out += escape;
        } else {
            // Short octal would merge with a following octal digit: "\0" "1" reads as "\01".
            const bool digit_follows = i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= '0' &&
                                       static_cast<unsigned char>(bytes[i + 1]) <= '7';
            out += digit_follows ? fmt::format("\\{:03o}", c) : fmt::format("\\{:o}", c);
        }
    }
    out += '"';
    return out;
}

Value bytes_value(std::span<const std::byte> shown, size_t full_length, DecodeOptions::Hex hex) {
    std::string text = quote_bytes(shown, hex);
    const std::string_view raw(reinterpret_cast<const char*>(shown.data()), shown.size());
    Json json = is_utf8(raw) ? Json(std::string(raw)) : Json(text.substr(1, text.size() - 2));
    if (full_length > shown.size()) text += "...";
    return leaf(std::move(text), std::move(json));
}

Value buffer_value(TraceeMemory& memory, uint64_t address, size_t length, const DecodeOptions& options) {
    const size_t shown = std::min(length, options.string_limit);
    const auto bytes = read_bytes(memory, address, shown);
    if (!bytes) return pointer_value(address);
    return bytes_value(*bytes, length, options.hex);
}

Value path_value(TraceeMemory& memory, uint64_t address, const DecodeOptions& options) {
    const auto path = read_c_string(memory, address, kPathMax);
    if (!path) return pointer_value(address);
    const auto* data = reinterpret_cast<const std::byte*>(path->bytes.data());
    return bytes_value({data, path->bytes.size()}, path->bytes.size() + (path->terminated ? 0 : 1), options.hex);
}

std::vector<std::byte> read_payload(TraceeMemory& memory, uint64_t address, size_t length, size_t limit) {
    auto bytes = read_bytes(memory, address, std::min(length, limit));
    return bytes ? std::move(*bytes) : std::vector<std::byte>{};
}

}  // namespace netlens::trace
