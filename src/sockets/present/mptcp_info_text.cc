#include "sockets/present/mptcp_info_text.h"

#include <fmt/format.h>
#include <linux/mptcp.h>

namespace netlens::sockets {

void append_mptcp_info_text(std::string& out, const MptcpInfo& info) {
    // ss leaves out every zero; the sequence numbers are hexadecimal.
    const std::pair<const char*, uint8_t> counts[] = {
        {"subflows", info.subflows},
        {"add_addr_signal", info.add_addr_signal},
        {"add_addr_accepted", info.add_addr_accepted},
        {"subflows_max", info.subflows_max},
        {"add_addr_signal_max", info.add_addr_signal_max},
        {"add_addr_accepted_max", info.add_addr_accepted_max},
    };
    for (const auto& [name, value] : counts) {
        if (value != 0) out += fmt::format(" {}:{}", name, value);
    }
    if (info.flags & MPTCP_INFO_FLAG_FALLBACK) out += " fallback";
    if (info.flags & MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED) out += " remote_key";
    if (info.token != 0) out += fmt::format(" token:{:x}", info.token);
    const std::pair<const char*, uint64_t> sequences[] = {
        {"write_seq", info.write_seq}, {"snd_una", info.snd_una}, {"rcv_nxt", info.rcv_nxt}};
    for (const auto& [name, value] : sequences) {
        if (value != 0) out += fmt::format(" {}:{:x}", name, value);
    }
}

}  // namespace netlens::sockets
