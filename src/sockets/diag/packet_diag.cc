#include "sockets/diag/packet_diag.h"

#include <linux/filter.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <cstring>

#include "netlink/attributes.h"
#include "sockets/diag/diag_decode.h"
#include "sockets/diag/diag_query.h"

namespace netlens::sockets {

namespace {

std::optional<PacketRing> decode_ring(const nlattr* attribute) {
    const auto ring = netlink::read_struct<packet_diag_ring>(attribute);
    if (!ring) return std::nullopt;
    return PacketRing{.block_size = ring->pdr_block_size,
                      .block_count = ring->pdr_block_nr,
                      .frame_size = ring->pdr_frame_size,
                      .frame_count = ring->pdr_frame_nr,
                      .retire_timeout_ms = ring->pdr_retire_tmo,
                      .features = ring->pdr_features};
}

// The attached classic BPF program: whole struct sock_filter entries only.
std::vector<BpfInstruction> decode_filter(const nlattr* attribute) {
    const auto bytes = netlink::read_bytes(attribute);
    std::vector<BpfInstruction> program(bytes.size() / sizeof(sock_filter));
    for (size_t i = 0; i < program.size(); ++i) {
        sock_filter instruction;
        std::memcpy(&instruction, bytes.data() + i * sizeof(sock_filter), sizeof(sock_filter));
        program[i] = {instruction.code, instruction.jt, instruction.jf, instruction.k};
    }
    return program;
}

void decode_packet_info(const nlattr* attribute, Socket& socket, PacketDetails& details) {
    const auto info = netlink::read_struct<packet_diag_info>(attribute);
    if (!info) return;
    details.has_info = true;
    details.version = info->pdi_version;
    details.copy_threshold = info->pdi_copy_thresh;
    details.flags = info->pdi_flags;
    socket.local.scope_ifindex = info->pdi_index;
}

}  // namespace

std::optional<Socket> decode_packet_socket(const nlmsghdr* message) {
    if (message->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(packet_diag_msg)) return std::nullopt;
    const auto* msg = static_cast<const packet_diag_msg*>(mnl_nlmsg_get_payload(message));
    netlink::AttributeIndex attributes;
    if (msg->pdiag_family != AF_PACKET || !attributes.parse(message, sizeof(packet_diag_msg))) return std::nullopt;
    // Packet sockets have no state; ss shows UNCONN.
    Socket socket = stateless_socket(msg->pdiag_type == SOCK_RAW ? Protocol::packet_raw : Protocol::packet_dgram,
                                     AF_PACKET, msg->pdiag_num, msg->pdiag_ino, msg->pdiag_cookie);
    auto details = std::make_shared<PacketDetails>();
    details->ethernet_protocol = msg->pdiag_num;
    decode_packet_info(attributes.get(PACKET_DIAG_INFO), socket, *details);
    socket.uid = netlink::read_u32(attributes.get(PACKET_DIAG_UID)).value_or(0);
    details->rx_ring = decode_ring(attributes.get(PACKET_DIAG_RX_RING));
    details->tx_ring = decode_ring(attributes.get(PACKET_DIAG_TX_RING));
    details->fanout = netlink::read_u32(attributes.get(PACKET_DIAG_FANOUT));
    if (const nlattr* filter = attributes.get(PACKET_DIAG_FILTER)) details->filter = decode_filter(filter);
    socket.memory = decode_memory(attributes.get(PACKET_DIAG_MEMINFO));
    // ss's Recv-Q is the receive memory in use; the send queue is always 0.
    if (socket.memory) socket.recv_q = socket.memory->rmem_alloc;
    socket.packet = std::move(details);
    return socket;
}

Result<netlink::Done> dump_packet_sockets(netlink::Channel& diag, const std::function<void(Socket&&)>& sink,
                                          Diagnosis& diagnosis) {
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* request = buffer.put_extra_header<packet_diag_req>(header);
    request->sdiag_family = AF_PACKET;
    request->pdiag_show =
        PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO | PACKET_SHOW_FILTER | PACKET_SHOW_RING_CFG | PACKET_SHOW_FANOUT;
    return dump_decoded(diag, buffer.message(), "packet socket dump", decode_packet_socket, sink, diagnosis);
}

}  // namespace netlens::sockets
