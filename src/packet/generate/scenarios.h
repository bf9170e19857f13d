// The kinds of flow the generator makes, each a function that plays one whole flow,
// and the table that names them for the command line and gives their default weights.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "packet/generate/flow.h"

namespace netlens::packet::generate {

// HTTP/1.1 on port 80: one to five requests per connection, statuses from
// kHttpStatuses, Content-Length or chunked bodies, some slow answers.
void play_http(Flow& flow);
// Bulk data both ways on port 5001 with TCP's troubles; some SYNs never answered.
void play_tcp(Flow& flow);
// DNS over UDP port 53: A and AAAA, NXDOMAIN, unanswered, retried and foreign replies.
void play_dns(Flow& flow);
// A large UDP datagram (port 41000) in IPv4 fragments, and a short reply.
void play_fragments(Flow& flow);

struct Scenario {
    std::string_view name;
    void (*play)(Flow&);
    unsigned default_weight;
    bool ipv4_only;
    std::uint16_t server_port;
    std::uint8_t server_host;  // last byte of the server's address: 10.0.0.x, fd00:2::x
};

inline constexpr std::array<Scenario, 4> kScenarios{{
    {"http", play_http, 4, false, 80, 80},
    {"tcp", play_tcp, 3, false, 5001, 50},
    {"dns", play_dns, 4, false, 53, 53},
    {"fragments", play_fragments, 1, true, 41000, 41},
}};

}  // namespace netlens::packet::generate
