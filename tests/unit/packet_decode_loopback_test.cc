// Packets the kernel built: a scratch network namespace (unshare -n) whose loopback has
// an Ethernet MTU, TCP and UDP over IPv4 and IPv6 recorded by tcpdump — handshakes with
// Linux's options, data, a UDP datagram fragmented by the sender and the ICMP port
// unreachable it draws. Every packet is decoded and compared with tshark field by field,
// and the fragments put back together are compared with tshark's own reassembly.
// Skips with the reason when it cannot make a namespace or lacks tcpdump or tshark.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "packet/decode/decode.h"
#include "packet/ipv4_reassembly.h"
#include "packet_decode_test_support.h"
#include "packet_decode_tshark_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

const char* const kTraffic = R"PY(
import socket
for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    server = socket.socket(family)
    server.bind((host, 0))
    server.listen(1)
    client = socket.create_connection((host, server.getsockname()[1]))
    peer, _ = server.accept()
    client.sendall(b"q" * 3000)
    received = 0
    while received < 3000:
        received += len(peer.recv(65536))
    peer.sendall(b"pong")
    client.recv(10)
    client.close(); peer.close(); server.close()
    datagram = socket.socket(family, socket.SOCK_DGRAM)
    datagram.sendto(bytes(range(256)) * 12, (host, 9))
    datagram.close()
)PY";

bool capture_loopback(const std::string& path) {
    const std::string script = path + ".py";
    FILE* out = std::fopen(script.c_str(), "w");
    if (out == nullptr) return false;
    std::fputs(kTraffic, out);
    std::fclose(out);
    const std::string command =
        "timeout 30 unshare -n sh -c 'ip link set lo mtu 1500 up && "
        "{ tcpdump -i lo -U -w " +
        path + " >/dev/null 2>&1 & } && sleep 1 && python3 " + script +
        " && sleep 1 && kill $! && wait' >/dev/null 2>&1";
    const bool ok = std::system(command.c_str()) == 0;
    std::remove(script.c_str());
    return ok;
}

TEST(PacketDecodeLoopback, KernelBuiltPacketsAsTsharkSeesThem) {
    if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    if (std::system("tcpdump --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tcpdump is not installed";
    if (std::system("unshare -n true >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "cannot make a network namespace (unshare -n needs root)";
    const std::string path = scratch_path("loopback");
    ASSERT_TRUE(capture_loopback(path)) << "capturing loopback traffic failed";
    LinkType link_type = LinkType::null;
    const auto captured = read_pcap(path, link_type);
    ASSERT_EQ(link_type, LinkType::ethernet);
    ASSERT_GE(captured.size(), 20u);

    std::vector<Frame> frames;
    for (const auto& frame : captured) frames.push_back(frame.bytes);
    expect_same_as_tshark("loopback_copy", link_type, frames);

    // tshark with reassembly on (its default) shows the whole UDP payload on the
    // fragment that completes the datagram.
    const auto rows = tshark_fields(path, {"udp.payload"});
    std::remove(path.c_str());
    ASSERT_EQ(rows.size(), frames.size());
    FragmentReassembler reassembler;
    int completed = 0;
    int icmp_errors = 0;
    for (std::size_t i = 0; i < captured.size(); ++i) {
        Packet packet = decode_packet(link_type, view(captured[i].bytes));
        icmp_errors += packet.embedded.has_ports ? 1 : 0;
        const auto whole = reassembler.add(packet.ip, captured[i].time_ns);
        if (!whole) continue;
        ++completed;
        decode_transport_payload(whole->protocol, whole->payload, packet);
        ASSERT_EQ(packet.transport, Transport::udp);
        EXPECT_EQ(packet.udp.payload.size(), 3072u);
        EXPECT_EQ(hex_bytes(packet.udp.payload), rows[i][0]) << "packet " << i + 1;
    }
    EXPECT_EQ(completed, 2);  // one datagram over IPv4, one over IPv6
    EXPECT_EQ(icmp_errors, 2);
    EXPECT_EQ(reassembler.waiting(), 0u);
}

}  // namespace
}  // namespace netlens::packet
