#include "packet/generate/capture_summary.h"

#include <nlohmann/json.hpp>

namespace netlens::packet::generate {

std::string capture_summary_json(const CaptureSummary& s) {
    nlohmann::ordered_json by_status = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < kHttpStatuses.size(); ++i)
        if (s.http.by_status[i] != 0) by_status[std::to_string(kHttpStatuses[i].code)] = s.http.by_status[i];
    nlohmann::ordered_json doc = {
        {"packets", s.packets},
        {"bytes", s.bytes},
        {"ipv4_packets", s.ipv4_packets},
        {"ipv6_packets", s.ipv6_packets},
        {"vlan_frames", s.vlan_frames},
        {"flows", s.flows},
        {"tcp",
         {{"streams", s.tcp.streams},
          {"handshakes", s.tcp.handshakes},
          {"unanswered_syns", s.tcp.unanswered_syns},
          {"fin_closes", s.tcp.fin_closes},
          {"rst_closes", s.tcp.rst_closes},
          {"retransmissions", s.tcp.retransmissions},
          {"fast_retransmissions", s.tcp.fast_retransmissions},
          {"out_of_order", s.tcp.out_of_order},
          {"duplicate_acks", s.tcp.duplicate_acks},
          {"zero_windows", s.tcp.zero_windows},
          {"keep_alives", s.tcp.keep_alives}}},
        {"http",
         {{"requests", s.http.requests},
          {"responses", s.http.responses},
          {"chunked_responses", s.http.chunked_responses},
          {"slow_responses", s.http.slow_responses},
          {"responses_by_status", by_status}}},
        {"dns",
         {{"queries", s.dns.queries},
          {"responses", s.dns.responses},
          {"nxdomain", s.dns.nxdomain},
          {"unanswered", s.dns.unanswered},
          {"retries", s.dns.retries},
          {"foreign_replies", s.dns.foreign_replies},
          {"a_queries", s.dns.a_queries},
          {"aaaa_queries", s.dns.aaaa_queries}}},
        {"ipv4_fragments",
         {{"datagrams", s.fragments.datagrams},
          {"fragments", s.fragments.fragments},
          {"more_fragments", s.fragments.more_fragments}}},
    };
    return doc.dump();
}

}  // namespace netlens::packet::generate
