// strace's -e read=/write= dump lines: " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 ...  hello wo... |",
// 16 bytes a line (an extra space after the eighth), then the bytes as ASCII with '.' for
// anything unprintable.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace netlens::trace {

std::vector<std::string> hex_dump_lines(std::span<const std::byte> bytes);

}  // namespace netlens::trace
