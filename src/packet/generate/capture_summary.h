// What the capture generator put in a file, counted as it built each packet: the
// generator's own account, to be held against what a dissector (tshark) or our own
// analysis finds in the same file.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netlens::packet::generate {

struct HttpStatus {
    std::uint16_t code;
    std::string_view reason;
    unsigned weight;  // how often servers answer with it
    bool has_body;
};
// Every status the generated servers answer with.
inline constexpr std::array<HttpStatus, 7> kHttpStatuses{{
    {200, "OK", 60, true},
    {301, "Moved Permanently", 5, true},
    {304, "Not Modified", 5, false},
    {404, "Not Found", 12, true},
    {500, "Internal Server Error", 6, true},
    {502, "Bad Gateway", 4, true},
    {503, "Service Unavailable", 4, true},
}};

struct CaptureSummary {
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;  // frame bytes
    std::uint64_t ipv4_packets = 0;  // fragments included
    std::uint64_t ipv6_packets = 0;
    std::uint64_t vlan_frames = 0;
    std::uint64_t flows = 0;

    struct Tcp {
        std::uint64_t streams = 0;  // distinct connections (address and port pairs)
        std::uint64_t handshakes = 0;
        std::uint64_t unanswered_syns = 0;
        std::uint64_t fin_closes = 0;
        std::uint64_t rst_closes = 0;
        std::uint64_t retransmissions = 0;  // SYN and data resends, fast ones included
        std::uint64_t fast_retransmissions = 0;
        std::uint64_t out_of_order = 0;
        std::uint64_t duplicate_acks = 0;
        std::uint64_t zero_windows = 0;
        std::uint64_t keep_alives = 0;
    } tcp;

    struct Http {
        std::uint64_t requests = 0;
        std::uint64_t responses = 0;
        std::uint64_t chunked_responses = 0;
        std::uint64_t slow_responses = 0;  // the server thought for a second or more
        std::array<std::uint64_t, kHttpStatuses.size()> by_status{};  // as kHttpStatuses
    } http;

    struct Dns {
        std::uint64_t queries = 0;  // query packets, retries included
        std::uint64_t responses = 0;
        std::uint64_t nxdomain = 0;
        std::uint64_t unanswered = 0;
        std::uint64_t retries = 0;
        std::uint64_t foreign_replies = 0;  // answered from another address than asked
        std::uint64_t a_queries = 0;  // query packets by type, retries included
        std::uint64_t aaaa_queries = 0;
    } dns;

    struct Fragments {
        std::uint64_t datagrams = 0;  // UDP datagrams sent in IPv4 fragments
        std::uint64_t fragments = 0;
        std::uint64_t more_fragments = 0;  // fragments with the MF bit
    } fragments;
};

// One JSON document (compact, fields in a fixed order).
std::string capture_summary_json(const CaptureSummary& summary);

}  // namespace netlens::packet::generate
