#include "sockets/selection/socket_selection.h"

#include <array>
#include <initializer_list>
#include <optional>

#include "sockets/analysis/states.h"
#include "sockets/model.h"

namespace netlens::sockets {

namespace {

constexpr uint32_t bit(SocketKind kind) { return 1U << static_cast<unsigned>(kind); }
constexpr uint32_t bit(SocketFamily family) { return 1U << static_cast<unsigned>(family); }

uint32_t connected_states() { return default_state_mask(StateScope::connected); }
uint32_t closed_state() { return state_bit(TcpState::close); }

// What each table brings in: its default states and the families it lives in
// (ss's default_dbs).
struct KindDefaults {
    std::string_view name;
    uint32_t families;
    uint32_t (*states)();
};

uint32_t established_state() { return state_bit(TcpState::established); }
uint32_t tipc_states() {
    return state_bit(TcpState::established) | state_bit(TcpState::listen) | state_bit(TcpState::close);
}

constexpr uint32_t kInetFamilies = bit(SocketFamily::inet) | bit(SocketFamily::inet6);

constexpr std::array<KindDefaults, static_cast<size_t>(SocketKind::count)> kKinds = {{
    {"tcp", kInetFamilies, connected_states},
    {"mptcp", kInetFamilies, connected_states},
    {"dccp", kInetFamilies, connected_states},
    {"udp", kInetFamilies, established_state},
    {"raw", kInetFamilies, established_state},
    {"u_dgr", bit(SocketFamily::unix), closed_state},
    {"u_str", bit(SocketFamily::unix), connected_states},
    {"u_seq", bit(SocketFamily::unix), connected_states},
    {"p_dgr", bit(SocketFamily::packet), closed_state},
    {"p_raw", bit(SocketFamily::packet), closed_state},
    {"nl", bit(SocketFamily::netlink), closed_state},
    {"sctp", kInetFamilies, connected_states},
    {"v_str", bit(SocketFamily::vsock), connected_states},
    {"v_dgr", bit(SocketFamily::vsock), connected_states},
    {"tipc", bit(SocketFamily::tipc), tipc_states},
    {"xdp", bit(SocketFamily::xdp), closed_state},
}};

constexpr uint32_t kinds_of(std::initializer_list<SocketKind> kinds) {
    uint32_t mask = 0;
    for (const SocketKind kind : kinds) mask |= bit(kind);
    return mask;
}

constexpr uint32_t kUnixKinds = kinds_of({SocketKind::unix_dgram, SocketKind::unix_stream, SocketKind::unix_seqpacket});
constexpr uint32_t kInetKinds = kinds_of({SocketKind::tcp, SocketKind::mptcp, SocketKind::udp, SocketKind::dccp,
                                          SocketKind::sctp, SocketKind::raw});
constexpr uint32_t kPacketKinds = kinds_of({SocketKind::packet_dgram, SocketKind::packet_raw});
constexpr uint32_t kVsockKinds = kinds_of({SocketKind::vsock_stream, SocketKind::vsock_dgram});

// What each family brings in: its tables and default states (ss's default_afs).
struct FamilyDefaults {
    std::string_view name;  // as -f spells it
    uint32_t kinds;
    uint32_t (*states)();
};

constexpr std::array<FamilyDefaults, static_cast<size_t>(SocketFamily::count)> kFamilies = {{
    {"inet", kInetKinds, connected_states},
    {"inet6", kInetKinds, connected_states},
    {"unix", kUnixKinds, connected_states},
    {"link", kPacketKinds, closed_state},
    {"netlink", bit(SocketKind::netlink), closed_state},
    {"vsock", kVsockKinds, connected_states},
    {"tipc", bit(SocketKind::tipc), tipc_states},
    {"xdp", bit(SocketKind::xdp), closed_state},
}};

// -A words (ss's db_name_tbl); `all` and `inet` name groups, not particular kinds.
struct QueryWord {
    std::string_view word;
    uint32_t kinds;
    bool group;
};

constexpr uint32_t kAllKinds = kInetKinds | kUnixKinds | kPacketKinds | bit(SocketKind::netlink) | kVsockKinds |
                               bit(SocketKind::xdp);  // ss 6.1's `all` leaves TIPC out

constexpr QueryWord kQueryWords[] = {
    {"all", kAllKinds, true},
    {"inet", kInetKinds, true},
    {"udp", bit(SocketKind::udp), false},
    {"dccp", bit(SocketKind::dccp), false},
    {"tcp", bit(SocketKind::tcp), false},
    {"mptcp", bit(SocketKind::mptcp), false},
    {"sctp", bit(SocketKind::sctp), false},
    {"raw", bit(SocketKind::raw), false},
    {"unix", kUnixKinds, false},
    {"unix_stream", bit(SocketKind::unix_stream), false},
    {"u_str", bit(SocketKind::unix_stream), false},
    {"unix_dgram", bit(SocketKind::unix_dgram), false},
    {"u_dgr", bit(SocketKind::unix_dgram), false},
    {"unix_seqpacket", bit(SocketKind::unix_seqpacket), false},
    {"u_seq", bit(SocketKind::unix_seqpacket), false},
    {"packet", kPacketKinds, false},
    {"packet_raw", bit(SocketKind::packet_raw), false},
    {"p_raw", bit(SocketKind::packet_raw), false},
    {"packet_dgram", bit(SocketKind::packet_dgram), false},
    {"p_dgr", bit(SocketKind::packet_dgram), false},
    {"netlink", bit(SocketKind::netlink), false},
    {"tipc", bit(SocketKind::tipc), false},
    {"vsock", kVsockKinds, false},
    {"vsock_stream", bit(SocketKind::vsock_stream), false},
    {"v_str", bit(SocketKind::vsock_stream), false},
    {"vsock_dgram", bit(SocketKind::vsock_dgram), false},
    {"v_dgr", bit(SocketKind::vsock_dgram), false},
    {"xdp", bit(SocketKind::xdp), false},
};

// The selection while the steps are replayed.
struct Resolver {
    SocketSelection selection;
    uint32_t explicit_states = 0;  // -a / -l / the first -A; wins over table defaults
    bool defaulted = true;         // no selection flag seen: ss reads every table
    bool saw_query = false;
    std::optional<SocketFamily> last_family;  // ss's preferred_family

    void add_kinds(uint32_t kinds, bool named) {
        for (size_t i = 0; i < kKinds.size(); ++i) {
            if ((kinds >> i & 1U) == 0) continue;
            selection.states |= kKinds[i].states();
        }
        selection.kinds |= kinds;
        if (named) selection.named_kinds |= kinds;
        defaulted = false;
    }
    void add_family(SocketFamily family) {
        const auto& defaults = kFamilies[static_cast<size_t>(family)];
        selection.states |= defaults.states();
        selection.families |= bit(family);
        last_family = family;
        // A family other than inet names the tables it brings in (-0 asks for packet
        // sockets; -4 does not ask for DCCP).
        if (family != SocketFamily::inet && family != SocketFamily::inet6) selection.named_kinds |= defaults.kinds;
        defaulted = false;
    }
    std::optional<Error> query(std::string_view words) {
        if (!saw_query) {
            selection.kinds = 0;
            if (explicit_states == 0) explicit_states = connected_states();
            saw_query = true;
            defaulted = false;
        }
        size_t start = 0;
        while (start <= words.size()) {
            const size_t comma = words.find(',', start);
            std::string_view word = words.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            const bool remove = !word.empty() && word.front() == '!';
            if (remove) word.remove_prefix(1);
            const QueryWord* found = nullptr;
            for (const auto& entry : kQueryWords) {
                if (entry.word == word) found = &entry;
            }
            if (found == nullptr) {
                return Error{ExitCode::usage, "-A '" + std::string(word) + "': unknown socket table (" + query_names() + ")"};
            }
            if (remove) {
                selection.kinds &= ~found->kinds;
                selection.named_kinds &= ~found->kinds;
            } else {
                add_kinds(found->kinds, !found->group);
            }
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        return std::nullopt;
    }

    // ss's filter_merge_defaults.
    void merge_defaults() {
        for (size_t i = 0; i < kKinds.size(); ++i) {
            if ((selection.kinds >> i & 1U) == 0) continue;
            if ((kKinds[i].families & selection.families) == 0) selection.families |= kKinds[i].families;
        }
        for (size_t i = 0; i < kFamilies.size(); ++i) {
            if ((selection.families >> i & 1U) == 0) continue;
            if ((kFamilies[i].kinds & selection.kinds) == 0) selection.kinds |= kFamilies[i].kinds;
        }
    }
};

}  // namespace

Result<SocketSelection> resolve_selection(const std::vector<SelectionStep>& steps) {
    Resolver resolver;
    for (const auto& step : steps) {
        switch (step.type) {
            case SelectionStep::Type::table: resolver.add_kinds(bit(step.kind), true); break;
            case SelectionStep::Type::family: resolver.add_family(step.family); break;
            case SelectionStep::Type::all: resolver.explicit_states = kAllStates; break;
            case SelectionStep::Type::listening: resolver.explicit_states = default_state_mask(StateScope::listening); break;
            case SelectionStep::Type::query:
                if (auto error = resolver.query(step.query)) return *error;
                break;
        }
    }
    resolver.selection.defaulted = resolver.defaulted;
    resolver.selection.last_family = resolver.last_family;
    if (resolver.defaulted) {
        if (resolver.explicit_states == 0) resolver.explicit_states = connected_states();
        resolver.add_kinds(kAllKinds, false);
    }
    if (resolver.explicit_states != 0) resolver.selection.states = resolver.explicit_states;
    resolver.merge_defaults();
    // ss dumps inet sockets of its last named family only, when that is inet or inet6:
    // `-f inet -f inet6` lists IPv6 sockets.
    if (resolver.last_family == SocketFamily::inet) resolver.selection.families &= ~bit(SocketFamily::inet6);
    if (resolver.last_family == SocketFamily::inet6) resolver.selection.families &= ~bit(SocketFamily::inet);
    resolver.selection.named_kinds &= resolver.selection.kinds;
    return resolver.selection;
}

Result<SocketFamily> parse_family(std::string_view name) {
    for (size_t i = 0; i < kFamilies.size(); ++i) {
        if (kFamilies[i].name == name) return static_cast<SocketFamily>(i);
    }
    return Error{ExitCode::usage, "-f '" + std::string(name) + "': unknown family (" + family_names() + ")"};
}

std::string family_names() {
    std::string names;
    for (const auto& family : kFamilies) names += (names.empty() ? "" : ", ") + std::string(family.name);
    return names;
}

std::string query_names() {
    std::string names;
    for (const auto& entry : kQueryWords) names += (names.empty() ? "" : ", ") + std::string(entry.word);
    return names;
}

std::string_view kind_name(SocketKind kind) { return kKinds[static_cast<size_t>(kind)].name; }

}  // namespace netlens::sockets
