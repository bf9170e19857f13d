// The sock_diag replies recorded from a real kernel under fuzz/corpus/sock_diag (made by
// fuzz/record_sock_diag.cc), decoded as a test's starting point.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sockets/diag/diag_decode.h"

namespace netlens::sockets::test_support {

inline DecodedSockets decode_recording(const std::string& name, Protocol protocol) {
    const auto path = std::filesystem::path(NETLENS_SOURCE_DIR) / "fuzz/corpus/sock_diag" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << path;
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<uint32_t> words((bytes.size() + 3) / 4);  // as aligned as a recv() buffer
    if (!bytes.empty()) std::memcpy(words.data(), bytes.data(), bytes.size());
    auto decoded = decode_diag_messages({reinterpret_cast<const uint8_t*>(words.data()), bytes.size()}, protocol);
    EXPECT_EQ(decoded.undecodable, 0u) << name;
    return decoded;
}

}  // namespace netlens::sockets::test_support
