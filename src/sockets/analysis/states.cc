// Two tables: kernel state → ss's column text, and filter word → state mask. The group
// masks are built from the single-state bits so the tables cannot drift apart; the
// group definitions were checked against ss (iproute2 6.1) on live sockets.
#include "sockets/analysis/states.h"

#include <array>
#include <strings.h>

namespace netlens::sockets {
namespace {

struct StateName {
    TcpState state;
    std::string_view display;
};

// Indexed by the kernel's state number; entry 0 is not a state.
constexpr std::array<StateName, 13> kDisplayNames{{
    {TcpState{0}, "UNKNOWN"},
    {TcpState::established, "ESTAB"},
    {TcpState::syn_sent, "SYN-SENT"},
    {TcpState::syn_recv, "SYN-RECV"},
    {TcpState::fin_wait1, "FIN-WAIT-1"},
    {TcpState::fin_wait2, "FIN-WAIT-2"},
    {TcpState::time_wait, "TIME-WAIT"},
    {TcpState::close, "UNCONN"},
    {TcpState::close_wait, "CLOSE-WAIT"},
    {TcpState::last_ack, "LAST-ACK"},
    {TcpState::listen, "LISTEN"},
    {TcpState::closing, "CLOSING"},
    {TcpState::new_syn_recv, "NEW-SYN-RECV"},
}};

constexpr bool indexed_by_state() {
    for (size_t i = 0; i < kDisplayNames.size(); ++i) {
        if (static_cast<size_t>(kDisplayNames[i].state) != i) return false;
    }
    return true;
}
static_assert(indexed_by_state(), "kDisplayNames must be in kernel state order");

// The kernel reports pending connections (request sockets, TCP_NEW_SYN_RECV inside the
// kernel) as SYN-RECV and returns them whenever SYN-RECV is asked for; keeping both bits
// together lets the user-space re-check agree whichever number a decoder stores.
constexpr uint32_t kSynRecv = state_bit(TcpState::syn_recv) | state_bit(TcpState::new_syn_recv);
constexpr uint32_t kListenOrClose = state_bit(TcpState::listen) | state_bit(TcpState::close);
constexpr uint32_t kBucket = kSynRecv | state_bit(TcpState::time_wait);
constexpr uint32_t kConnected = kAllStates & ~kListenOrClose;

struct FilterName {
    std::string_view name;
    uint32_t mask;
};

constexpr std::array<FilterName, 20> kFilterNames{{
    {"all", kAllStates},
    {"connected", kConnected},
    {"synchronized", kConnected & ~state_bit(TcpState::syn_sent)},
    {"bucket", kBucket},
    {"big", kAllStates & ~kBucket},
    {"established", state_bit(TcpState::established)},
    {"syn-sent", state_bit(TcpState::syn_sent)},
    {"syn-recv", kSynRecv},
    {"syn-rcv", kSynRecv},  // ss accepts this spelling too
    {"fin-wait-1", state_bit(TcpState::fin_wait1)},
    {"fin-wait-2", state_bit(TcpState::fin_wait2)},
    {"time-wait", state_bit(TcpState::time_wait)},
    {"closed", state_bit(TcpState::close)},
    {"close", state_bit(TcpState::close)},  // ss accepts this spelling too
    {"unconnected", state_bit(TcpState::close)},
    {"close-wait", state_bit(TcpState::close_wait)},
    {"last-ack", state_bit(TcpState::last_ack)},
    {"listening", state_bit(TcpState::listen)},
    {"closing", state_bit(TcpState::closing)},
    {"unknown", 1},  // ss's state 0: no socket is in it
}};

}  // namespace

std::string_view state_display_name(TcpState state) {
    const auto index = static_cast<size_t>(state);
    return index < kDisplayNames.size() ? kDisplayNames[index].display : kDisplayNames[0].display;
}

std::optional<uint32_t> state_mask_for(std::string_view filter_name) {
    for (const auto& entry : kFilterNames) {
        if (entry.name.size() == filter_name.size() &&
            strncasecmp(entry.name.data(), filter_name.data(), filter_name.size()) == 0) {
            return entry.mask;
        }
    }
    return std::nullopt;
}

std::string state_filter_names() {
    std::string names;
    for (const auto& entry : kFilterNames) {
        if (!names.empty()) names += ", ";
        names += entry.name;
    }
    return names;
}

uint32_t default_state_mask(StateScope scope) {
    switch (scope) {
        case StateScope::listening: return kListenOrClose;
        case StateScope::all: return kAllStates;
        case StateScope::connected: break;
    }
    return kConnected & ~kBucket;
}

}  // namespace netlens::sockets
