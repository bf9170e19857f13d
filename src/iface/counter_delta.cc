#include "iface/counter_delta.h"

namespace netlens::iface {

const std::vector<StatsField>& stats_fields() {
    using S = rtnl_link_stats64;
    static const std::vector<StatsField> fields = {
        {"rx", "bytes", &S::rx_bytes, false},
        {"rx", "packets", &S::rx_packets, false},
        {"rx", "errors", &S::rx_errors, true},
        {"rx", "dropped", &S::rx_dropped, true},
        {"rx", "over_errors", &S::rx_over_errors, true},
        {"rx", "missed_errors", &S::rx_missed_errors, true},
        {"rx", "crc_errors", &S::rx_crc_errors, true},
        {"rx", "frame_errors", &S::rx_frame_errors, true},
        {"rx", "fifo_errors", &S::rx_fifo_errors, true},
        {"rx", "length_errors", &S::rx_length_errors, true},
        {"rx", "multicast", &S::multicast, false},
        {"rx", "nohandler", &S::rx_nohandler, false},
        {"tx", "bytes", &S::tx_bytes, false},
        {"tx", "packets", &S::tx_packets, false},
        {"tx", "errors", &S::tx_errors, true},
        {"tx", "dropped", &S::tx_dropped, true},
        {"tx", "carrier_errors", &S::tx_carrier_errors, true},
        {"tx", "aborted_errors", &S::tx_aborted_errors, true},
        {"tx", "fifo_errors", &S::tx_fifo_errors, true},
        {"tx", "window_errors", &S::tx_window_errors, true},
        {"tx", "heartbeat_errors", &S::tx_heartbeat_errors, true},
        {"tx", "collisions", &S::collisions, true},
    };
    return fields;
}

namespace {

uint64_t growth(uint64_t before, uint64_t after) { return after >= before ? after - before : 0; }

std::vector<NicCounter> nic_growth(const std::vector<NicCounter>& before, const std::vector<NicCounter>& after) {
    std::vector<NicCounter> grown;
    for (const auto& counter : after) {
        uint64_t previous = 0;
        for (const auto& old : before) {
            if (old.name == counter.name) previous = old.value;
        }
        if (const uint64_t delta = growth(previous, counter.value); delta > 0) grown.push_back({counter.name, delta});
    }
    return grown;
}

}  // namespace

std::vector<LinkDelta> link_deltas(const std::vector<Link>& earlier, const std::vector<Link>& later,
                                   double interval_s) {
    std::vector<LinkDelta> deltas;
    for (const auto& now : later) {
        for (const auto& then : earlier) {
            if (then.ifindex != now.ifindex || then.name != now.name) continue;
            LinkDelta delta{now.ifindex, now.name, interval_s, {}, nic_growth(then.nic_counters, now.nic_counters)};
            if (then.stats && now.stats) {
                for (const auto& field : stats_fields()) {
                    delta.stats.*field.member = growth((*then.stats).*field.member, (*now.stats).*field.member);
                }
            }
            deltas.push_back(std::move(delta));
        }
    }
    return deltas;
}

const LinkDelta* find_delta(const std::vector<LinkDelta>& deltas, int ifindex) {
    for (const auto& delta : deltas) {
        if (delta.ifindex == ifindex) return &delta;
    }
    return nullptr;
}

}  // namespace netlens::iface
