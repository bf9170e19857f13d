// The ss filter language, parsed into plain data:
//
//   [state NAME | exclude NAME]... [EXPRESSION]
//
// EXPRESSION joins terms with and/&&/&, or/||/|, not/! and parentheses; adjacent terms
// are and-ed. As in ss's yacc grammar there is no precedence between and and or: a
// chain is read left to right, so `a or b and c` is `(a or b) and c`. Terms are
// `sport|dport [OP] PORT`, `src|dst [=] HOST`, `dev [=|!=] NAME`, `fwmark [=|!=]
// MARK[/MASK]`, `cgroup [=|!=] PATH` and `autobound`.
//
// The parser (filter_parser.cc) takes `state`/`exclude` from whole argv words, as ss's
// main does, and the rest from the lexer (filter_lexer.cc), which cuts words at spaces
// and tabs exactly as ss's does (users quote the whole expression as one word, and
// punctuation glued to a value stays in it); values are read the way ss reads them
// (filter_value.cc), service and host names included. Matching (filter_eval.cc) is
// ss's user-space matcher; bytecode.cc compiles what ss compiles for the kernel. ss
// keeps a socket when both agree, and so do the callers, which is what makes the
// results equal even where the two matchers differ (see filter_eval.cc).
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ip_address.h"
#include "sockets/model.h"

namespace netlens::sockets {

// src/sport test the local end, dst/dport the peer.
enum class Side : uint8_t { local, peer };

// A HOST value as ss keeps it: "*", "*:22", ":22", "10.0.0.0/8", "10/8",
// "127.0.0.1:631", "[::1]:22", "[fe80::/10]", "localhost:http", or for UNIX sockets a
// glob ("/run/*.sock", "@abstract*").
struct HostPattern {
    int family = AF_UNSPEC;           // of the address; AF_UNIX: `unix_glob` is the test
    std::vector<IpAddress> addresses; // all a name resolved to, in ss's order; first is sent to the kernel
    uint8_t prefix_len = 0;           // bits compared; 0: any address
    int32_t port = -1;                // -1: any port (ss keeps ports as int)
    std::string unix_glob;            // fnmatch pattern, case-insensitive
};

struct FilterNode {
    enum class Kind : uint8_t {
        host,       // side's endpoint fits `host` (src/dst, and sport/dport with = or !=)
        port_ge,    // side's port >= host.port
        port_le,    // side's port <= host.port
        device,     // bound interface index == number
        mark,       // (socket mark & mask) == number
        cgroup,     // cgroup v2 id == number
        autobound,  // the port was picked by the kernel
        all_of,     // and: every child (two or more)
        any_of,     // or: some child (two or more)
        negate,     // not: the one child fails
    };
    Kind kind = Kind::all_of;
    Side side = Side::local;
    HostPattern host;
    uint64_t number = 0;  // device index, mark or cgroup id
    // dev NAME: the name, looked up again in each namespace read (ss -N looks it up
    // after switching); `number` is its index where netlens runs, or the number given.
    std::string device;
    uint32_t mask = 0;    // mark mask
    std::vector<FilterNode> children;
};

// What the rest of the command line means for reading values, as in ss: -x makes
// src/dst values UNIX globs, -4/-6 fix the address family, and service names are
// looked up for the protocols that are shown.
struct FilterContext {
    int preferred_family = AF_UNSPEC;  // AF_UNIX, AF_INET, AF_INET6 or AF_UNSPEC
    bool tcp = true;
    bool udp = true;
    // Service and host names through /etc/services and the resolver; off, they are
    // errors, and parsing never waits on DNS (fuzzing, pure tests).
    bool name_lookups = true;
    // The sockets are read in other namespaces (--netns, --all-netns, a replay): an
    // interface name after `dev` need not exist here, it is looked up where it is read.
    bool devices_elsewhere = false;
    // --all-netns: a namespace without a `dev` name has no socket on it (where one
    // namespace is read, an unknown name is an error, as in ss).
    bool devices_somewhere = false;
    // How many of the words are command-line arguments; the rest came from a -F file,
    // where, as in ss, `state` and `exclude` are not keywords.
    size_t argument_words = SIZE_MAX;
};

// What matching needs to know about the namespace the socket lives in.
struct MatchContext {
    // ip_local_port_range: `autobound` inet sockets have a port inside it.
    uint32_t ephemeral_low = 32768;
    uint32_t ephemeral_high = 60999;
    // Interface indexes of the `dev` names in the namespace read, by name.
    std::map<std::string, uint32_t, std::less<>> device_indexes;
};

struct Filter {
    // Union of `state` words minus `exclude` words, in order (an `exclude` before any
    // `state` starts from every state). nullopt when neither word was given: the caller
    // then uses default_state_mask() for its -a / -l flags.
    std::optional<uint32_t> state_mask;
    std::optional<FilterNode> expression;  // nullopt: every socket
    // As in ss, a value read in a fixed family ("unix:/x", "inet:10/8", or any value
    // under -x/-4/-6) limits the output to that family; the last such value wins.
    std::optional<int> only_family;
    // FilterContext::devices_somewhere, kept for the look-up in each namespace.
    bool devices_somewhere = false;

    // Whether the socket satisfies the expression. The state mask is not consulted:
    // it is resolved against the flags by the caller and sent to the kernel.
    bool matches(const Socket& socket, const MatchContext& context = {}) const;
};

// Errors carry ExitCode::usage and name the word: "filter: word 3 'dprt': expected ...".
Result<Filter> parse_filter(const std::vector<std::string>& words, const FilterContext& context);
// Without a command line to go by: every family, TCP and UDP, and no name look-ups.
Result<Filter> parse_filter(const std::vector<std::string>& words);

// Whether an endpoint fits a pattern (ss's user-space test for src/dst).
bool host_matches(const HostPattern& pattern, const Socket& socket, Side side);

}  // namespace netlens::sockets
