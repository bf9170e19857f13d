#include "sockets/present/inet_sockopt_text.h"

#include <array>
#include <string_view>

namespace netlens::sockets {
namespace {

struct SockoptFlag {
    unsigned bit;                // in the two bytes, first byte low, first field lowest
    std::string_view kernel;     // struct inet_diag_sockopt's field
    std::string_view ss;         // what ss prints
};

constexpr std::array<SockoptFlag, 11> kFlags{{
    {0, "recverr", "recverr"},
    {1, "is_icsk", "is_icsk"},
    {2, "freebind", "freebind"},
    {3, "hdrincl", "hdrincl"},
    {4, "mc_loop", "mc_loop"},
    {5, "transparent", "transparent"},
    {6, "mc_all", "mc_all"},
    {7, "nodefrag", "nodefrag"},
    {8, "bind_address_no_port", "bind_addr_no_port"},
    {9, "recverr_rfc4884", "recverr_rfc4884"},
    {10, "defer_connect", "defer_connect"},
}};

bool is_set(uint16_t flags, const SockoptFlag& flag) { return (flags >> flag.bit & 1U) != 0; }

}  // namespace

std::string inet_sockopt_text(uint16_t flags) {
    std::string text = "inet-sockopt: (";
    for (const auto& flag : kFlags) {
        if (is_set(flags, flag)) text.append(" ").append(flag.ss);
    }
    return text + ")";
}

std::vector<std::string> inet_sockopt_names(uint16_t flags) {
    std::vector<std::string> names;
    for (const auto& flag : kFlags) {
        if (is_set(flags, flag)) names.emplace_back(flag.kernel);
    }
    return names;
}

}  // namespace netlens::sockets
