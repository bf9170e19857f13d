#include "iface/ethtool_read.h"

#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include <optional>

#include "iface/driver_info.h"
#include "iface/ethtool_decode.h"
#include "netlink/channel.h"
#include "source/replay_cursor.h"

namespace netlens::iface {

namespace {

constexpr const char* kFamilyName = ETHTOOL_GENL_NAME;

// The queries `ethtool DEV` makes.
constexpr uint8_t kQueries[] = {ETHTOOL_MSG_LINKMODES_GET, ETHTOOL_MSG_LINKINFO_GET, ETHTOOL_MSG_LINKSTATE_GET};

nlmsghdr* start_generic(netlink::RequestBuffer& buffer, uint16_t family, uint16_t flags, uint8_t command,
                        uint8_t version) {
    nlmsghdr* request = buffer.start(family, flags);
    auto* generic = buffer.put_extra_header<genlmsghdr>(request);
    generic->cmd = command;
    generic->version = version;
    return request;
}

// The ethtool family's id in this namespace, or nullopt (with the reason noted) when
// the kernel has no ethtool netlink interface.
std::optional<uint16_t> resolve_family(netlink::Channel& channel, Diagnosis& diagnosis) {
    netlink::RequestBuffer buffer;
    nlmsghdr* request = start_generic(buffer, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1);
    mnl_attr_put_strz(request, CTRL_ATTR_FAMILY_NAME, kFamilyName);
    std::optional<uint16_t> family;
    auto done = channel.transact(
        request, [&](const nlmsghdr* message) { family = decode_family_id(message); }, "ethtool family");
    if (!done) {
        diagnosis.skip("ethtool", "no ethtool netlink family: " + done.error().message);
        return std::nullopt;
    }
    if (!family) diagnosis.damaged("ethtool", "the generic netlink controller's answer names no family id");
    return family;
}

Link* link_by_index(std::vector<Link>& links, int ifindex) {
    for (auto& link : links) {
        if (link.ifindex == ifindex) return &link;
    }
    return nullptr;
}

// One query, as a dump over every link of the namespace: the kernel leaves out the
// devices whose driver cannot answer, so "not supported" is an absence, not an error.
void query(netlink::Channel& channel, uint16_t family, uint8_t command, std::vector<Link>& links,
           size_t& undecodable, Diagnosis& diagnosis) {
    netlink::RequestBuffer buffer;
    nlmsghdr* request = start_generic(buffer, family, NLM_F_DUMP, command, ETHTOOL_GENL_VERSION);
    nlattr* header = mnl_attr_nest_start(request, 1);  // ETHTOOL_A_*_HEADER
    // Link modes come as bit sets; the compact form is a fraction of the size.
    mnl_attr_put_u32(request, ETHTOOL_A_HEADER_FLAGS, ETHTOOL_FLAG_COMPACT_BITSETS);
    mnl_attr_nest_end(request, header);

    auto on_reply = [&](const nlmsghdr* message) {
        if (message->nlmsg_type != family) return;
        const auto reply = decode_ethtool_header(message);
        if (!reply) {
            ++undecodable;
            return;
        }
        // A link that came after the link dump.
        Link* link = link_by_index(links, reply->ifindex);
        if (link == nullptr) return;
        if (!apply_ethtool_reply(message, *link->ethtool)) ++undecodable;
    };
    // Applying a reply twice changes nothing, so a restarted dump needs no reset.
    auto done = channel.dump(request, on_reply, "ethtool query " + std::to_string(command), [] {});
    if (!done) diagnosis.skip("ethtool", done.error().message);
}

// Links whose driver info a replayed recording does not hold are collected in
// `not_recorded`: the recording predates them, which is no damage of what it holds.
void read_driver(source::Source& source, Link& link, std::vector<std::string>& not_recorded, Diagnosis& diagnosis) {
    DriverInfo info;
    auto err = query_driver_info(source, link.name, info);
    if (!err) {
        if (source::is_not_recorded(err.error())) {
            not_recorded.push_back(link.name);
        } else {
            diagnosis.damaged("ethtool", err.error().message);
        }
        return;
    }
    if (*err != 0) return;  // no driver info (loopback): ethtool -i prints none either
    EthtoolLink& ethtool = *link.ethtool;
    ethtool.driver = info.driver;
    ethtool.driver_version = info.version;
    ethtool.firmware_version = info.firmware_version;
    ethtool.expansion_rom_version = info.expansion_rom_version;
    ethtool.bus_info = info.bus_info;
}

}  // namespace

void read_ethtool(source::Source& source, std::vector<Link>& links, Diagnosis& diagnosis) {
    for (auto& link : links) link.ethtool.emplace();
    auto channel = source::open_channel(source, NETLINK_GENERIC);
    if (!channel) {
        diagnosis.skip("ethtool", channel.error().message);
    } else if (auto family = resolve_family(*channel, diagnosis)) {
        size_t undecodable = 0;
        for (const uint8_t command : kQueries) query(*channel, *family, command, links, undecodable, diagnosis);
        if (undecodable > 0) {
            diagnosis.damaged("ethtool", std::to_string(undecodable) + " reply message(s) could not be decoded");
        }
    }
    std::vector<std::string> not_recorded;
    for (auto& link : links) read_driver(source, link, not_recorded, diagnosis);
    if (!not_recorded.empty()) {
        std::string names;
        for (const auto& name : not_recorded) names += (names.empty() ? "" : ", ") + name;
        diagnosis.skip("ethtool", "the recording holds no driver info (ethtool -i) for " + names +
                                      ": it was made before netlens recorded ethtool answers");
    }
}

}  // namespace netlens::iface
