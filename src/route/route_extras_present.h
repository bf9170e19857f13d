// The parts of a route line that ip prints from nested or packed attributes: a
// lightweight tunnel (" encap ip id 5 src ... dst ..."), realms (RTA_FLOW) and the
// cache info of RTA_CACHEINFO, each in ip's words and ip -j's keys.
#pragma once

#include "core/json_record.h"
#include "iface/ip_names.h"
#include "iface/model.h"
#include "route/route_line_builder.h"

namespace netlens::route {

void encap_words(Line& line, const iface::RouteEncap& encap);
// ip -j puts the tunnel's keys beside the route's own ("dst" twice); a record holds them
// as "encap": TYPE and "encap_info": {ip -j's keys}.
void add_encap_json(JsonRecord& record, const iface::RouteEncap& encap);

// "realm 5" or "realms 3/4"; ip -j: "flow": {"from": "3", "to": "4"}.
void flow_words(Line& line, uint32_t flow, const iface::IpNames& names);
JsonRecord flow_json(uint32_t flow, const iface::IpNames& names);

// "expires 300sec error 5 [users 1 used 2 age 3sec] ipid 0x0001 ts 0x5tsage 2sec".
// `stats`: the counters ip prints with -s.
void cache_info_words(Line& line, const iface::RouteCacheInfo& info, bool stats);
void add_cache_info_json(JsonRecord& record, const iface::RouteCacheInfo& info, bool stats);

}  // namespace netlens::route
