#include "sockets/filter/match_context.h"

#include <algorithm>

#include "proc/sysctl.h"

namespace netlens::sockets {
namespace {

bool uses_autobound(const FilterNode& node) {
    return node.kind == FilterNode::Kind::autobound || std::any_of(node.children.begin(), node.children.end(), uses_autobound);
}

}  // namespace

MatchContext match_context_for(const Filter& filter, source::Source& source) {
    MatchContext context;
    if (!filter.expression || !uses_autobound(*filter.expression)) return context;
    // ss's own fallback when the range cannot be read.
    context.ephemeral_low = 1024;
    context.ephemeral_high = 4999;
    auto text = source::read_text(source, "/proc/sys/net/ipv4/ip_local_port_range");
    if (!text) return context;
    if (auto range = proc::parse_port_range(*text)) {
        context.ephemeral_low = range->low;
        context.ephemeral_high = range->high;
    }
    return context;
}

}  // namespace netlens::sockets
