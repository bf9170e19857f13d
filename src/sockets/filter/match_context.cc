#include "sockets/filter/match_context.h"

#include <algorithm>
#include <functional>

#include "proc/sysctl.h"
#include "sockets/interface_names.h"
#include "sockets/filter/filter_value.h"

namespace netlens::sockets {
namespace {

bool uses(const FilterNode& node, FilterNode::Kind kind) {
    return node.kind == kind ||
           std::any_of(node.children.begin(), node.children.end(), [&](const auto& child) { return uses(child, kind); });
}

void device_names(const FilterNode& node, std::vector<std::string>& names) {
    if (node.kind == FilterNode::Kind::device) names.push_back(node.device);
    for (const auto& child : node.children) device_names(child, names);
}

void read_ephemeral_range(source::Source& source, MatchContext& context) {
    // ss's own fallback when the range cannot be read.
    context.ephemeral_low = 1024;
    context.ephemeral_high = 4999;
    auto text = source::read_text(source, "/proc/sys/net/ipv4/ip_local_port_range");
    if (!text) return;
    if (auto range = proc::parse_port_range(*text)) {
        context.ephemeral_low = range->low;
        context.ephemeral_high = range->high;
    }
}

// No socket is bound to it: interface indexes are positive ints.
constexpr uint32_t kNoInterface = 0xFFFFFFFF;

std::optional<Error> read_device_indexes(const FilterNode& expression, bool devices_somewhere, source::Source& source,
                                         MatchContext& context) {
    std::vector<std::string> names;
    device_names(expression, names);
    if (names.empty()) return std::nullopt;
    auto links = dump_interface_names(source);
    if (!links) return links.error();
    for (const auto& name : names) {
        const auto link = std::find_if(links->begin(), links->end(), [&](const auto& l) { return l.second == name; });
        if (link != links->end()) {
            context.device_indexes[name] = link->first;
        } else if (auto number = device_number(name)) {
            context.device_indexes[name] = *number;
        } else if (devices_somewhere) {
            context.device_indexes[name] = kNoInterface;
        } else {
            const std::string where = source.netns().empty() ? "this namespace" : "namespace " + source.netns();
            return Error{ExitCode::usage, "filter: dev '" + name + "': no such interface in " + where +
                                              ", and not an interface index"};
        }
    }
    return std::nullopt;
}

}  // namespace

Result<MatchContext> match_context_for(const Filter& filter, source::Source& source) {
    MatchContext context;
    if (!filter.expression) return context;
    if (uses(*filter.expression, FilterNode::Kind::autobound)) read_ephemeral_range(source, context);
    if (auto error = read_device_indexes(*filter.expression, filter.devices_somewhere, source, context)) return *error;
    return context;
}

}  // namespace netlens::sockets
