#include "route/route_query.h"

#include <linux/rtnetlink.h>
#include <net/if.h>

#include <optional>

#include "iface/rtnl_decode.h"
#include "netlink/channel.h"
#include "route/route_refusal.h"

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

    if (query.from && query.from->family != query.destination.family) {
        return Error{ExitCode::usage, "route get: from " + query.from->to_string() +
                                          ": address family differs from " + query.destination.to_string()};
    }
    netlink::RequestBuffer buffer;
    nlmsghdr* request = buffer.start(RTM_GETROUTE, 0);
    auto* header = buffer.put_extra_header<rtmsg>(request);
    header->rtm_family = static_cast<unsigned char>(query.destination.family);
    header->rtm_dst_len = static_cast<unsigned char>(query.destination.size() * 8);
    if (query.from) header->rtm_src_len = static_cast<unsigned char>(query.from->size() * 8);
    // Without this flag IPv4 answers always claim table main; IPv6 reports the real
    // table by itself and rejects the flag under strict checking.
    if (query.destination.family == AF_INET) header->rtm_flags |= RTM_F_LOOKUP_TABLE;
    // Attributes last: each put may move the buffer, leaving `request` and `header` behind.
    auto put = buffer.put_attribute(RTA_DST, query.destination.view());
    if (put && query.from) put = buffer.put_attribute(RTA_SRC, query.from->view());
    if (put && !query.input_interface.empty()) {
        auto index = interface_index("iif", query.input_interface);
        if (!index) return index.error();
        put = buffer.put_u32(RTA_IIF, *index);
    }
    if (put && !query.output_interface.empty()) {
        auto index = interface_index("oif", query.output_interface);
        if (!index) return index.error();
        put = buffer.put_u32(RTA_OIF, *index);
    }
    if (put && query.mark) put = buffer.put_u32(RTA_MARK, *query.mark);
    if (!put) return Error{put.error().code, "route get: " + put.error().message};

    std::optional<Route> answer;
    auto result = socket->transact(
        buffer.message(),
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type == RTM_NEWROUTE && !answer) answer = decode_route(message);
        },
        "route get " + query.destination.to_string());
    if (!result) {
        // Refusals by a prohibit/blackhole/unreachable/throw route come as bare errnos
        // (EACCES among them, which is no missing privilege): name the route instead.
        const int err = socket->last_errno();
        if (refusing_route_type(err)) return explain_refused_route(*socket, query, err, result.error().message);
        return result.error();
    }
    if (!answer) return Error{ExitCode::failure, "route get " + query.destination.to_string() + ": no answer from the kernel"};
    return *answer;
}

}  // namespace netlens::iface
