#include "trace/decode/sockopt.h"

#include <sys/socket.h>

#include <cstring>

#include "trace/decode/constants.h"
#include "trace/decode/errno_text.h"
#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

struct LevelNames {
    uint32_t level;
    ConstantTable (*names)();
    std::string_view prefix;
};
constexpr LevelNames kLevels[] = {
    {SOL_SOCKET, constants::socket_options, "SO"},
    {6, constants::tcp_options, "TCP"},
    {0, constants::ip_options, "IP"},
    {41, constants::ipv6_options, "IPV6"},
};

constexpr uint32_t kSoError = 4;
constexpr uint32_t kSoLinger = 13;

}  // namespace

Value socket_level_value(uint32_t level) { return constant_value(constants::socket_levels(), level, "SOL"); }

Value socket_option_name_value(uint32_t level, uint32_t name) {
    for (const LevelNames& entry : kLevels)
        if (entry.level == level) return constant_value(entry.names(), name, entry.prefix);
    return unsigned_value(name);
}

Value socket_option_value(TraceeMemory& memory, uint64_t address, uint64_t length, uint32_t level, uint32_t name,
                          const DecodeOptions& options) {
    if (level == SOL_SOCKET && name == kSoLinger && length == sizeof(linger)) {
        const auto value = read_object<linger>(memory, address);
        if (!value) return pointer_value(address);
        return structure({named("l_onoff", signed_value(value->l_onoff)), named("l_linger", signed_value(value->l_linger))});
    }
    if (length == sizeof(int)) {
        const auto value = read_object<int>(memory, address);
        if (!value) return pointer_value(address);
        if (level == SOL_SOCKET && name == kSoError && *value > 0) {
            const std::string error = errno_name(*value);
            return leaf("[" + error + "]", error);
        }
        return wrapped("[", signed_value(*value), "]");
    }
    return buffer_value(memory, address, length, options);
}

}  // namespace netlens::trace
