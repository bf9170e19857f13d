#include "trace/present/hex_dump_text.h"

#include <algorithm>

#include <fmt/format.h>

namespace netlens::trace {

std::vector<std::string> hex_dump_lines(std::span<const std::byte> bytes) {
    constexpr size_t kPerLine = 16;
    std::vector<std::string> lines;
    for (size_t offset = 0; offset < bytes.size(); offset += kPerLine) {
        const auto chunk = bytes.subspan(offset, std::min(kPerLine, bytes.size() - offset));
        std::string hex;
        std::string ascii;
        for (size_t i = 0; i < kPerLine; ++i) {
            if (i < chunk.size()) {
                const auto byte = static_cast<unsigned char>(chunk[i]);
                hex += fmt::format("{:02x} ", byte);
                ascii += byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.';
            } else {
                hex += "   ";
                ascii += ' ';
            }
            if (i == 7) hex += ' ';
        }
        lines.push_back(fmt::format(" | {:05x}  {} {} |", offset, hex, ascii));
    }
    return lines;
}

}  // namespace netlens::trace
