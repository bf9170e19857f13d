#include "sockets/present/kind_json.h"

#include "sockets/present/kind_text.h"

namespace netlens::sockets {

namespace {

JsonRecord ring_json(const PacketRing& ring) {
    JsonRecord record;
    record.unsigned_number("block_size", ring.block_size)
        .unsigned_number("block_count", ring.block_count)
        .unsigned_number("frame_size", ring.frame_size)
        .unsigned_number("frame_count", ring.frame_count)
        .unsigned_number("retire_timeout_ms", ring.retire_timeout_ms)
        .unsigned_number("features", ring.features);
    return record;
}

void append_packet_json(JsonRecord& record, const PacketDetails& details) {
    record.unsigned_number("ethernet_protocol", details.ethernet_protocol);
    if (details.has_info) {
        record.unsigned_number("packet_version", details.version)
            .unsigned_number("copy_threshold", details.copy_threshold)
            .unsigned_number("packet_flags", details.flags);
    }
    if (details.rx_ring) record.object("rx_ring", ring_json(*details.rx_ring));
    if (details.tx_ring) record.object("tx_ring", ring_json(*details.tx_ring));
    if (details.fanout) {
        record.unsigned_number("fanout_id", *details.fanout & 0xFFFF)
            .unsigned_number("fanout_type", *details.fanout >> 16);
    }
    if (details.filter) {
        std::vector<JsonRecord> program;
        for (const auto& instruction : *details.filter) {
            program.emplace_back()
                .unsigned_number("code", instruction.code)
                .unsigned_number("jt", instruction.jump_true)
                .unsigned_number("jf", instruction.jump_false)
                .unsigned_number("k", instruction.k);
        }
        record.array("bpf_filter", program);
    }
}

void append_netlink_json(JsonRecord& record, const NetlinkDetails& details) {
    record.unsigned_number("netlink_protocol", details.netlink_protocol)
        .number("port_id", details.port_id)
        .text_or_null("owner_command", details.owner_command)
        .unsigned_number("groups", details.groups);
    if (details.connected)
        record.number("peer_port_id", details.peer_port_id).unsigned_number("peer_group", details.peer_group);
}

}  // namespace

void append_kind_json(JsonRecord& record, const Socket& socket, const InterfaceNamer& interface_name) {
    const auto local = kind_local_cells(socket, interface_name, false);
    const auto peer = kind_peer_cells(socket);
    if (socket.packet) {
        const uint32_t index = socket.local.scope_ifindex;
        record.text("protocol_name", packet_protocol_text(socket.packet->ethernet_protocol, false))
            .unsigned_number("ifindex", index)
            .text_or_null("interface", index != 0 && interface_name ? interface_name(index) : "");
        append_packet_json(record, *socket.packet);
    } else {
        record.text("protocol_name", netlink_protocol_text(socket.netlink->netlink_protocol, false));
        append_netlink_json(record, *socket.netlink);
    }
    record.text("local", local.address + local.port).text("peer", peer.address + peer.port);
}

JsonRecord mptcp_info_json(const MptcpInfo& info) {
    JsonRecord record;
    record.unsigned_number("subflows", info.subflows)
        .unsigned_number("add_addr_signal", info.add_addr_signal)
        .unsigned_number("add_addr_accepted", info.add_addr_accepted)
        .unsigned_number("subflows_max", info.subflows_max)
        .unsigned_number("add_addr_signal_max", info.add_addr_signal_max)
        .unsigned_number("add_addr_accepted_max", info.add_addr_accepted_max)
        .unsigned_number("flags", info.flags)
        .boolean("fallback", (info.flags & 1U) != 0)
        .boolean("remote_key", (info.flags & 2U) != 0)
        .unsigned_number("token", info.token)
        .unsigned_number("write_seq", info.write_seq)
        .unsigned_number("snd_una", info.snd_una)
        .unsigned_number("rcv_nxt", info.rcv_nxt);
    return record;
}

}  // namespace netlens::sockets
