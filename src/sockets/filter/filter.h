// The ss filter language, parsed into plain data:
//
//   [state NAME | exclude NAME]... [EXPRESSION]
//
// EXPRESSION joins terms with and/&&, or/||, not/! and parentheses (adjacent terms are
// and-ed); a term is `sport|dport [OP] PORT` or `src|dst [=|!=] HOST`. The parser
// (filter_parser.cc) reads argv words, splitting them itself because users quote the
// whole expression as one word; matching (filter_eval.cc) follows what ss does on live
// sockets, e.g. an IPv4 prefix also matches IPv4-mapped IPv6 addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ip_address.h"
#include "sockets/model.h"

namespace netlens::sockets {

// src/sport test the local end, dst/dport the peer.
enum class Side : uint8_t { local, peer };

enum class Compare : uint8_t { eq, ne, lt, le, gt, ge };

// A HOST value: "*", "*:22", ":22", "10.0.0.0/8", "10/8", "127.0.0.1:631", "[::1]:22",
// "[fe80::]/10", "::1".
struct HostPattern {
    std::optional<IpAddress> address;  // nullopt: any address
    uint8_t prefix_len = 0;            // leading bits of `address` compared
    std::optional<uint16_t> port;      // nullopt: any port
};

struct FilterNode {
    enum class Kind : uint8_t {
        port,    // side's port `compare` port
        host,    // side's address and port fit `host`
        all_of,  // and: every child (two or more)
        any_of,  // or: some child (two or more)
        negate,  // not: the one child fails
    };
    Kind kind = Kind::all_of;
    Side side = Side::local;
    Compare compare = Compare::eq;
    uint16_t port = 0;
    HostPattern host;
    std::vector<FilterNode> children;
};

struct Filter {
    // Union of `state` words minus `exclude` words, in order (an `exclude` before any
    // `state` starts from every state). nullopt when neither word was given: the caller
    // then uses default_state_mask() for its -a / -l flags.
    std::optional<uint32_t> state_mask;
    std::optional<FilterNode> expression;  // nullopt: every socket

    // Whether the socket satisfies the expression. The state mask is not consulted:
    // it is resolved against the flags by the caller and sent to the kernel.
    bool matches(const Socket& socket) const;
};

// Errors carry ExitCode::usage and name the word: "filter: word 3 'dprt': expected ...".
Result<Filter> parse_filter(const std::vector<std::string>& words);

// Whether an endpoint fits a pattern (the address part of `src`/`dst`).
bool host_matches(const HostPattern& pattern, const Endpoint& endpoint);

}  // namespace netlens::sockets
