// Decoders from rtnetlink messages (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWNEIGH,
// RTM_NEWROUTE) to the plain records in model.h. They read outside bytes, so each
// checks every length and returns nullopt for a message it cannot make sense of.
#pragma once

#include <libmnl/libmnl.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "iface/model.h"
#include "route/route_decode.h"

namespace netlens::iface {

std::optional<Link> decode_link(const nlmsghdr* message);
std::optional<Address> decode_address(const nlmsghdr* message);
std::optional<Neighbour> decode_neighbour(const nlmsghdr* message);

// Everything decodable in a buffer of concatenated rtnetlink messages, as recorded
// from a dump; used for replay in tests and by the fuzz target.
struct DecodedMessages {
    std::vector<Link> links;
    std::vector<Address> addresses;
    std::vector<Neighbour> neighbours;
    std::vector<Route> routes;
    std::vector<Nexthop> nexthops;
    size_t undecodable = 0;   // messages of a known type that failed to decode
    size_t bytes_used = 0;    // where a truncated message stopped the walk
};
DecodedMessages decode_messages(std::span<const uint8_t> buffer);

}  // namespace netlens::iface
