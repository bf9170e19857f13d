#include "sockets/present/kind_text.h"

#include <linux/if_ether.h>
#include <linux/packet_diag.h>

#include <array>
#include <cstdio>
#include <string_view>

#include "sockets/present/link_protocol_names.h"

namespace netlens::sockets {

namespace {

// iproute2's netlink protocol names (its nl_protos file holds the same).
constexpr std::array<std::string_view, 22> kNetlinkProtocols = {
    "rtnl",  "unused", "usersock",   "fw",        "tcpdiag", "nflog",  "xfrm",   "selinux",
    "iscsi", "audit",  "fiblookup",  "connector", "nft",     "ip6fw",  "dec-rt", "uevent",
    "genl",  "",       "scsi-trans", "ecryptfs",  "rdma",    "crypto",
};

std::string printf_text(const char* format, unsigned long long value) {
    char text[32];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

// Where ss starts a new line: a space with -O, else a line break and a tab.
const char* break_before(const ExtrasOptions& options) { return options.oneline ? " " : "\n\t"; }

std::string ring_text(const char* name, const PacketRing& ring, const ExtrasOptions& options) {
    return std::string(break_before(options)) + name +
           "(blk_size:" + std::to_string(static_cast<int32_t>(ring.block_size)) +
           ",blk_nr:" + std::to_string(static_cast<int32_t>(ring.block_count)) +
           ",frm_size:" + std::to_string(static_cast<int32_t>(ring.frame_size)) +
           ",frm_nr:" + std::to_string(static_cast<int32_t>(ring.frame_count)) +
           ",tmo:" + std::to_string(static_cast<int32_t>(ring.retire_timeout_ms)) +
           ",features:" + printf_text("0x%llx", ring.features) + ")";
}

std::string fanout_text(uint32_t fanout, const ExtrasOptions& options) {
    static constexpr const char* kTypes[] = {"hash", "lb", "cpu", "roll", "random", "qm"};
    const uint32_t type = fanout >> 16;
    const std::string type_text = type < std::size(kTypes) ? kTypes[type] : printf_text("0x%llx", type);
    return std::string(break_before(options)) + "fanout(id:" + std::to_string(fanout & 0xFFFF) + ",type:" + type_text +
           ")";
}

std::string packet_info_text(const PacketDetails& details, const ExtrasOptions& options) {
    static constexpr std::pair<uint32_t, const char*> kFlags[] = {{PDI_RUNNING, "running"},
                                                                  {PDI_AUXDATA, " auxdata"},
                                                                  {PDI_ORIGDEV, " origdev"},
                                                                  {PDI_VNETHDR, " vnethdr"},
                                                                  {PDI_LOSS, " loss"}};
    std::string text = std::string(break_before(options)) +
                       "ver:" + std::to_string(static_cast<int32_t>(details.version)) +
                       " cpy_thresh:" + std::to_string(static_cast<int32_t>(details.copy_threshold)) + " flags( ";
    for (const auto& [bit, name] : kFlags) {
        if (details.flags & bit) text += name;
    }
    if (details.flags == 0) text += "0";
    return text + " )";
}

std::string bpf_text(const std::vector<BpfInstruction>& program, const ExtrasOptions& options) {
    std::string text = std::string(break_before(options)) + "bpf filter (" + std::to_string(program.size()) + "): ";
    for (const auto& instruction : program) {
        text += " " + printf_text("0x%02llx", instruction.code) + " " + std::to_string(instruction.jump_true) + " " +
                std::to_string(instruction.jump_false) + " " + std::to_string(instruction.k) + ",";
    }
    return text;
}

std::string packet_extras_text(const Socket& socket, const ExtrasOptions& options) {
    const PacketDetails& details = *socket.packet;
    std::string text;
    if (options.processes || options.threads) text += users_text(socket.processes);
    if (options.extended) {
        if (socket.uid != 0) text += " uid:" + std::to_string(socket.uid);
        text += " ino:" + std::to_string(static_cast<uint32_t>(socket.inode));
        text += " sk:" + printf_text("%llx", socket.cookie);
        if (details.has_info) text += packet_info_text(details, options);
        if (details.rx_ring) text += ring_text("ring_rx", *details.rx_ring, options);
        if (details.tx_ring) text += ring_text("ring_tx", *details.tx_ring, options);
        if (details.fanout) text += fanout_text(*details.fanout, options);
    }
    if (options.bpf && details.filter) text += bpf_text(*details.filter, options);
    if (options.memory && socket.memory) text += " " + memory_text(*socket.memory);
    return text;
}

std::string netlink_extras_text(const Socket& socket, const ExtrasOptions& options) {
    // ss lists no owners for netlink sockets, even with -p.
    std::string text;
    if (options.extended) {
        text += " sk=0 cb=0 groups=" + printf_text("0x%08llx", socket.netlink->groups & 0xFFFFFFFFU);
    }
    if (options.memory && socket.memory) text += "\t " + memory_text(*socket.memory);
    return text;
}

std::string netlink_owner_text(const NetlinkDetails& details, bool numeric) {
    if (details.port_id == -1) return "*";
    if (numeric || details.port_id < 0) return std::to_string(details.port_id);
    if (details.port_id == 0) return "kernel";
    if (!details.owner_command.empty()) return details.owner_command + "/" + std::to_string(details.port_id);
    return std::to_string(details.port_id);
}

}  // namespace

std::string netlink_protocol_text(uint8_t protocol, bool numeric) {
    if (!numeric && protocol < kNetlinkProtocols.size() && !kNetlinkProtocols[protocol].empty()) {
        return std::string(kNetlinkProtocols[protocol]);
    }
    return std::to_string(protocol);
}

std::string packet_protocol_text(uint16_t protocol, bool numeric) {
    if (protocol == ETH_P_ALL) return "*";
    if (!numeric) {
        if (const auto name = link_protocol_name(protocol)) return std::string(*name);
    }
    return "[" + std::to_string(protocol) + "]";
}

EndpointCells kind_local_cells(const Socket& socket, const InterfaceNamer& interface_name, bool numeric) {
    if (socket.netlink) {
        return {netlink_protocol_text(socket.netlink->netlink_protocol, numeric) + ":",
                netlink_owner_text(*socket.netlink, numeric)};
    }
    const uint32_t index = socket.local.scope_ifindex;
    return {packet_protocol_text(socket.packet->ethernet_protocol, numeric) + ":",
            index == 0 || !interface_name ? "*" : interface_name(index)};
}

EndpointCells kind_peer_cells(const Socket& socket) {
    if (socket.netlink && socket.netlink->connected) {
        return {std::to_string(socket.netlink->peer_group) + ":", std::to_string(socket.netlink->peer_port_id)};
    }
    return {"*", ""};
}

std::string kind_extras_text(const Socket& socket, const ExtrasOptions& options) {
    return socket.netlink ? netlink_extras_text(socket, options) : packet_extras_text(socket, options);
}

}  // namespace netlens::sockets
