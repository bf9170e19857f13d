// Standard base64 (RFC 4648, with padding) for payload bytes carried in JSON.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace netlens::trace {

std::string base64_encode(std::span<const std::byte> bytes);

}  // namespace netlens::trace
