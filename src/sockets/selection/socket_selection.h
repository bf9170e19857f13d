// Which socket tables and address families one `sockets` run reads, resolved the way
// ss resolves -t -u -w -x -4 -6 -0 -M -S -d -f -A -a -l:
//   - a protocol flag (-t) adds its table and that table's default states;
//   - a family flag (-4, -x, -f NAME) adds the family and its default states;
//   - the first -A empties the tables (earlier -t/-u/-w are forgotten) and, unless -a/-l
//     came first, asks for connected states; each -A word adds tables ("!word" removes);
//   - -a/-l set the states outright; with no selection flag at all every table is read
//     in connected states;
//   - finally a table none of whose families was named brings its families in, and a
//     family none of whose tables was named brings its tables in (`-t -x` reads TCP over
//     IPv4 and IPv6 plus every UNIX type; `-4` reads every inet table over IPv4).
// Order matters, so the flags are replayed in command-line order as SelectionSteps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace netlens::sockets {

// ss's socket tables, in ss's numbering (bit positions of SocketSelection::kinds).
enum class SocketKind : uint8_t {
    tcp, mptcp, dccp, udp, raw,
    unix_dgram, unix_stream, unix_seqpacket,
    packet_dgram, packet_raw, netlink, sctp,
    vsock_stream, vsock_dgram, tipc, xdp,
    count,
};
enum class SocketFamily : uint8_t { inet, inet6, unix, packet, netlink, vsock, tipc, xdp, count };

// One selection flag as it appeared on the command line.
struct SelectionStep {
    enum class Type : uint8_t {
        table,      // -t -u -w -M -S -d
        family,     // -4 -6 -x -0 -f NAME --vsock --tipc --xdp
        query,      // -A WORD[,WORD]
        all,        // -a
        listening,  // -l
    };
    Type type = Type::table;
    SocketKind kind = SocketKind::tcp;
    SocketFamily family = SocketFamily::inet;
    std::string query;
};

struct SocketSelection {
    uint32_t kinds = 0;     // bit per SocketKind
    uint32_t families = 0;  // bit per SocketFamily
    uint32_t states = 0;    // TcpState bits; used when the filter names no `state`
    // Kinds the user named themselves (a protocol flag, a family flag, an -A word other
    // than `all`/`inet`), as opposed to kinds the defaults brought in: only these are
    // worth a "not read" note when netlens does not read them.
    uint32_t named_kinds = 0;
    // No table or family flag (-a and -l do not count): ss's do_default. `-s` then
    // prints the summary alone unless filter words follow.
    bool defaulted = true;
    // The last family flag given (ss's preferred_family): how filter values are read.
    std::optional<SocketFamily> last_family;

    bool has(SocketKind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1U; }
    bool has(SocketFamily family) const { return (families >> static_cast<unsigned>(family)) & 1U; }
    bool named(SocketKind kind) const { return (named_kinds >> static_cast<unsigned>(kind)) & 1U; }
    // ss prints its Netid column when more than one table is read.
    bool several_kinds() const { return (kinds & (kinds - 1)) != 0; }
};

// Errors (ExitCode::usage) name the word: "-A 'tpc': unknown socket table (all, inet, ...)".
Result<SocketSelection> resolve_selection(const std::vector<SelectionStep>& steps);

// -f NAME: inet, inet6, link, unix, netlink, vsock, tipc, xdp.
Result<SocketFamily> parse_family(std::string_view name);
// What -f and -A accept, for help and error messages.
std::string family_names();
std::string query_names();

// ss's name for a table: "tcp", "u_str", "p_raw", "nl", "v_str", ...
std::string_view kind_name(SocketKind kind);

}  // namespace netlens::sockets
