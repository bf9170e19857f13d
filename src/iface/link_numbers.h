// The plain-number attributes of a link (IFLA_TXQLEN, IFLA_MIN_MTU, ...) in one table:
// the attribute the decoder reads, the model field it fills and the JSON key, which is
// the key `ip -j -d link` uses, so a field is added by adding a row.
#pragma once

#include <linux/if_link.h>

#include <optional>

#include "iface/model.h"

namespace netlens::iface {

struct LinkNumberField {
    int attribute;                                // IFLA_*
    std::optional<uint32_t> LinkNumbers::*member;
    const char* json_name;                        // as ip -j -d link names it
};

// In the order ip prints them.
inline constexpr LinkNumberField kLinkNumberFields[] = {
    {IFLA_TXQLEN, &LinkNumbers::txqlen, "txqlen"},
    {IFLA_PROMISCUITY, &LinkNumbers::promiscuity, "promiscuity"},
    {IFLA_ALLMULTI, &LinkNumbers::allmulti, "allmulti"},
    {IFLA_MIN_MTU, &LinkNumbers::min_mtu, "min_mtu"},
    {IFLA_MAX_MTU, &LinkNumbers::max_mtu, "max_mtu"},
    {IFLA_NUM_TX_QUEUES, &LinkNumbers::num_tx_queues, "num_tx_queues"},
    {IFLA_NUM_RX_QUEUES, &LinkNumbers::num_rx_queues, "num_rx_queues"},
    {IFLA_GSO_MAX_SIZE, &LinkNumbers::gso_max_size, "gso_max_size"},
    {IFLA_GSO_MAX_SEGS, &LinkNumbers::gso_max_segs, "gso_max_segs"},
    {IFLA_TSO_MAX_SIZE, &LinkNumbers::tso_max_size, "tso_max_size"},
    {IFLA_TSO_MAX_SEGS, &LinkNumbers::tso_max_segs, "tso_max_segs"},
    {IFLA_GRO_MAX_SIZE, &LinkNumbers::gro_max_size, "gro_max_size"},
};

}  // namespace netlens::iface
