#include "route/route_query.h"

#include <linux/rtnetlink.h>
#include <net/if.h>

#include <optional>

#include "iface/rtnl_decode.h"
#include "netlink/channel.h"

namespace netlens::iface {

namespace {

Result<uint32_t> interface_index(const std::string& keyword, const std::string& name) {
    const unsigned index = if_nametoindex(name.c_str());
    if (index == 0) return Error{ExitCode::usage, "route get: " + keyword + " " + name + ": no such device"};
    return static_cast<uint32_t>(index);
}

}  // namespace

Result<Route> query_route(source::Source& source, const RouteQuery& query) {
    auto socket = source::open_channel(source, NETLINK_ROUTE);
    if (!socket) return socket.error();

    netlink::RequestBuffer buffer;
    nlmsghdr* request = buffer.start(RTM_GETROUTE, 0);
    auto* header = buffer.put_extra_header<rtmsg>(request);
    header->rtm_family = static_cast<unsigned char>(query.destination.family);
    header->rtm_dst_len = static_cast<unsigned char>(query.destination.size() * 8);
    // Without this flag IPv4 answers always claim table main; IPv6 reports the real
    // table by itself and rejects the flag under strict checking.
    if (query.destination.family == AF_INET) header->rtm_flags |= RTM_F_LOOKUP_TABLE;
    mnl_attr_put(request, RTA_DST, query.destination.size(), query.destination.bytes.data());
    if (query.from) {
        if (query.from->family != query.destination.family) {
            return Error{ExitCode::usage, "route get: from " + query.from->to_string() +
                                              ": address family differs from " + query.destination.to_string()};
        }
        header->rtm_src_len = static_cast<unsigned char>(query.from->size() * 8);
        mnl_attr_put(request, RTA_SRC, query.from->size(), query.from->bytes.data());
    }
    if (!query.input_interface.empty()) {
        auto index = interface_index("iif", query.input_interface);
        if (!index) return index.error();
        mnl_attr_put_u32(request, RTA_IIF, *index);
    }
    if (!query.output_interface.empty()) {
        auto index = interface_index("oif", query.output_interface);
        if (!index) return index.error();
        mnl_attr_put_u32(request, RTA_OIF, *index);
    }
    if (query.mark) mnl_attr_put_u32(request, RTA_MARK, *query.mark);

    std::optional<Route> answer;
    auto result = socket->transact(
        request,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type == RTM_NEWROUTE && !answer) answer = decode_route(message);
        },
        "route get " + query.destination.to_string());
    if (!result) return result.error();
    if (!answer) return Error{ExitCode::failure, "route get " + query.destination.to_string() + ": no answer from the kernel"};
    return *answer;
}

}  // namespace netlens::iface
