#include "iface/rtnl_dump.h"

#include <linux/neighbour.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <optional>

#include "iface/rtnl_decode.h"
#include "route/route_decode.h"

namespace netlens::iface {

namespace {

template <typename Record>
using Decoder = std::optional<Record> (*)(const nlmsghdr*);

void note_undecodable(size_t count, SkippedCheck what, Diagnosis& diagnosis) {
    if (count == 0) return;
    diagnosis.damaged(what, std::to_string(count) + " message(s) could not be decoded and are left out");
}

// Sends a dump request of `type` with the fixed header `header` (empty unless it selects
// something) and collects each reply of `reply_type` decoded with `decode`. An
// interrupted dump starts again.
template <typename Header, typename Record>
Result<std::vector<Record>> dump(netlink::Channel& socket, uint16_t type, uint16_t reply_type, Decoder<Record> decode,
                                 SkippedCheck what, Diagnosis& diagnosis, const Header& header = {}) {
    netlink::RequestBuffer buffer;
    nlmsghdr* request = buffer.start(type, NLM_F_DUMP);
    *buffer.put_extra_header<Header>(request) = header;

    std::vector<Record> records;
    size_t undecodable = 0;
    auto result = socket.dump(
        request,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != reply_type) return;
            if (auto record = decode(message)) {
                records.push_back(std::move(*record));
            } else {
                ++undecodable;
            }
        },
        std::string(what.entry().name), [&] {
            records.clear();
            undecodable = 0;
        });
    if (!result) return result.error();
    note_undecodable(undecodable, what, diagnosis);
    return records;
}

}  // namespace

Result<std::vector<Link>> dump_links(netlink::Channel& socket, Diagnosis& diagnosis) {
    auto links = dump<ifinfomsg, Link>(socket, RTM_GETLINK, RTM_NEWLINK, decode_link, "link dump", diagnosis);
    if (links) {
        std::sort(links->begin(), links->end(), [](const Link& a, const Link& b) { return a.ifindex < b.ifindex; });
    }
    return links;
}

Result<std::vector<Address>> dump_addresses(netlink::Channel& socket, Diagnosis& diagnosis) {
    return dump<ifaddrmsg, Address>(socket, RTM_GETADDR, RTM_NEWADDR, decode_address, "address dump", diagnosis);
}

Result<std::vector<Neighbour>> dump_neighbours(netlink::Channel& socket, Diagnosis& diagnosis) {
    return dump<ndmsg, Neighbour>(socket, RTM_GETNEIGH, RTM_NEWNEIGH, decode_neighbour, "neighbour dump", diagnosis);
}

Result<std::vector<Neighbour>> dump_proxy_neighbours(netlink::Channel& socket, Diagnosis& diagnosis) {
    // NTF_PROXY in the request asks for the proxy table instead (ip neigh show proxy).
    const ndmsg proxies{.ndm_flags = NTF_PROXY};
    return dump<ndmsg, Neighbour>(socket, RTM_GETNEIGH, RTM_NEWNEIGH, decode_neighbour, "neighbour dump", diagnosis,
                                  proxies);
}

Result<std::vector<Nexthop>> dump_nexthops(netlink::Channel& socket, Diagnosis& diagnosis) {
    return dump<nhmsg, Nexthop>(socket, RTM_GETNEXTHOP, RTM_NEWNEXTHOP, decode_nexthop, "nexthop dump", diagnosis);
}

Result<netlink::Done> for_each_route(netlink::Channel& socket, const RouteDumpFilter& filter,
                                     const std::function<void(Route&&)>& on_route, Diagnosis& diagnosis) {
    const SkippedCheck what = "route dump";
    netlink::RequestBuffer buffer;
    nlmsghdr* request = buffer.start(RTM_GETROUTE, NLM_F_DUMP);
    auto* header = buffer.put_extra_header<rtmsg>(request);
    header->rtm_family = static_cast<uint8_t>(filter.family);
    if (filter.table) {
        // The kernel matches RTA_TABLE in a strictly checked dump; rtm_table alone
        // cannot name tables above 255.
        header->rtm_table = *filter.table < 256 ? static_cast<uint8_t>(*filter.table) : static_cast<uint8_t>(RT_TABLE_UNSPEC);
        auto put = buffer.put_u32(RTA_TABLE, *filter.table);
        if (!put) return put.error();
    }
    size_t undecodable = 0;
    auto result = socket.transact(
        buffer.message(),
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != RTM_NEWROUTE) return;
            // The prefix length is in the fixed header: no need to decode the rest.
            if (filter.default_only && message->nlmsg_len >= NLMSG_LENGTH(sizeof(rtmsg)) &&
                static_cast<const rtmsg*>(NLMSG_DATA(message))->rtm_dst_len != 0) {
                return;
            }
            auto route = decode_route(message);
            if (!route) {
                ++undecodable;
                return;
            }
            // The kernel's own filter is a hint on old kernels; check here as well.
            if (filter.family != 0 && route->family != filter.family) return;
            if (filter.table && route->table != *filter.table) return;
            on_route(std::move(*route));
        },
        std::string(what.entry().name));
    const bool interrupted = !result && socket.interrupted();
    if (!result && !interrupted) return result.error();
    note_undecodable(undecodable, what, diagnosis);
    if (interrupted) {
        diagnosis.damaged(what, "the routing table changed during the dump; routes after the change are left out");
    }
    return netlink::Done{};
}

}  // namespace netlens::iface
