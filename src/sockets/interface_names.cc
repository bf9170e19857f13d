#include "sockets/interface_names.h"

#include <linux/netlink.h>

#include <memory>
#include <optional>

#include "iface/rtnl_dump.h"

namespace netlens::sockets {

Result<InterfaceNames> dump_interface_names(source::Source& source) {
    auto route = source::open_channel(source, NETLINK_ROUTE);
    if (!route) return route.error();
    Diagnosis ignored;  // a link that cannot be decoded has no name to give
    auto links = iface::dump_links(*route, ignored);
    if (!links) return links.error();
    InterfaceNames names;
    for (const auto& link : *links) names[static_cast<uint32_t>(link.ifindex)] = link.name;
    return names;
}

InterfaceNames read_interface_names(source::Source& source) {
    auto names = dump_interface_names(source);
    return names ? std::move(*names) : InterfaceNames{};
}

std::string interface_text(const InterfaceNames& names, uint32_t ifindex) {
    const auto found = names.find(ifindex);
    return found != names.end() ? found->second : "if" + std::to_string(ifindex);
}

InterfaceNamer source_interface_namer(source::Source& source) {
    auto names = std::make_shared<std::optional<InterfaceNames>>();
    return [names, &source](uint32_t ifindex) {
        if (!*names) *names = read_interface_names(source);
        return interface_text(**names, ifindex);
    };
}

}  // namespace netlens::sockets
