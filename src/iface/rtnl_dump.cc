#include "iface/rtnl_dump.h"

#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <optional>

#include "iface/rtnl_decode.h"

namespace netlens::iface {

namespace {

// Sends a dump request of `type` with an empty fixed header `Header` and decodes each
// reply of `reply_type` with `decode`.
template <typename Header, typename Record>
Result<std::vector<Record>> dump(netlink::Socket& socket, uint16_t type, uint16_t reply_type,
                                 std::optional<Record> (*decode)(const nlmsghdr*), const std::string& what) {
    netlink::RequestBuffer buffer;
    nlmsghdr* request = buffer.start(type, NLM_F_DUMP);
    buffer.put_extra_header<Header>(request);

    std::vector<Record> records;
    auto result = socket.dump(
        request,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != reply_type) return;
            if (auto record = decode(message)) records.push_back(std::move(*record));
        },
        what, [&] { records.clear(); });
    if (!result) return result.error();
    return records;
}

}  // namespace

Result<std::vector<Link>> dump_links(netlink::Socket& socket) {
    auto links = dump<ifinfomsg, Link>(socket, RTM_GETLINK, RTM_NEWLINK, decode_link, "link dump");
    if (links) {
        std::sort(links->begin(), links->end(), [](const Link& a, const Link& b) { return a.ifindex < b.ifindex; });
    }
    return links;
}

Result<std::vector<Address>> dump_addresses(netlink::Socket& socket) {
    return dump<ifaddrmsg, Address>(socket, RTM_GETADDR, RTM_NEWADDR, decode_address, "address dump");
}

Result<std::vector<Neighbour>> dump_neighbours(netlink::Socket& socket) {
    return dump<ndmsg, Neighbour>(socket, RTM_GETNEIGH, RTM_NEWNEIGH, decode_neighbour, "neighbour dump");
}

Result<std::vector<Route>> dump_routes(netlink::Socket& socket) {
    return dump<rtmsg, Route>(socket, RTM_GETROUTE, RTM_NEWROUTE, decode_route, "route dump");
}

}  // namespace netlens::iface
