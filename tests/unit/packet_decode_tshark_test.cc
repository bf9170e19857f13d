// The decoders against tshark: frames for every link type and the layers above it are
// written to pcap files, tshark decodes them (-T fields), and every field it prints must
// be the value our Packet holds (packet_decode_tshark_support.h).
#include <string>
#include <vector>

#include "packet/decode/decode.h"
#include "packet_decode_test_support.h"
#include "packet_decode_tshark_support.h"

namespace netlens::packet {
namespace {

using namespace packet_testing;

Frame syn() {
    Tcp spec;
    spec.flags = 0x002;
    spec.ack = 0;
    spec.options = bytes({2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 9});
    return tcp(spec);
}

Frame sack_ack() {
    Tcp spec;
    spec.flags = 0x010;
    spec.options = bytes({1, 1, 5, 18});
    for (std::uint32_t edge : {0x01020404u, 0x01020504u, 0x01020604u, 0x01020704u}) put32(spec.options, edge);
    return tcp(spec, filler(10));
}

Frame port_unreachable() {
    Ipv4 quoted;
    quoted.protocol = 17;
    quoted.source = {198, 51, 100, 7};
    quoted.destination = {192, 0, 2, 1};
    quoted.ttl = 1;
    const Frame whole = ipv4(quoted, udp(33434, 33435, filler(24)));
    Ipv4 outer;
    outer.protocol = 1;
    outer.dont_fragment = false;
    return ipv4(outer, icmp(3, 3, 0, Frame(whole.begin(), whole.begin() + 28)));
}

Frame packet_too_big() {
    Tcp spec;
    spec.seq = 0xcafef00d;
    const Frame original = ipv6(6, tcp(spec, filler(1400)), 0x10, 0x20);
    return ipv6(58, icmp(2, 0, 1280, Frame(original.begin(), original.begin() + 48)), 0x30, 0x10);
}

Frame ipv6_with_extensions() {
    const Frame chain =
        cat({bytes({60, 0, 1, 4, 0, 0, 0, 0}), bytes({17, 0, 1, 4, 0, 0, 0, 0}), udp(5353, 5353, filler(7))});
    return ipv6(0, chain);
}

Frame later_fragment() {
    Ipv4 spec;
    spec.protocol = 17;
    spec.dont_fragment = false;
    spec.offset_bytes = 1480;
    return ipv4(spec, filler(100));
}

Frame first_fragment() {
    Ipv4 spec;
    spec.protocol = 17;
    spec.dont_fragment = false;
    spec.more_fragments = true;
    spec.id = 0x4242;
    return ipv4(spec, udp(53, 40000, filler(1472), 1580));
}

Frame echo_request() { return ipv4({.protocol = 1}, icmp(8, 0, 0x12340001, filler(32))); }

TEST(PacketDecodeTshark, EthernetWithEveryLayer) {
    if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    expect_same_as_tshark(
        "ethernet", LinkType::ethernet,
        {
            ethernet(0x0800, ipv4({}, syn())),
            ethernet(0x0800, ipv4({}, sack_ack())),
            ethernet(0x0800, ipv4({.protocol = 17}, udp(1234, 53, filler(20))), {{0x88a8, 100}, {0x8100, 0x2000 | 12}}),
            ethernet(0x86dd, ipv6_with_extensions()),
            ethernet(0x0800, port_unreachable()),
            ethernet(0x86dd, packet_too_big()),
            ethernet(0x0800, later_fragment()),
            ethernet(0x0800, first_fragment()),
            ethernet(0x86dd, ipv6(6, sack_ack(), 5, 6), {{0x9100, 7}, {0x8100, 8}, {0x8100, 4094}}),
            ethernet(0x0800, echo_request()),
        });
}

TEST(PacketDecodeTshark, CookedNullLoopAndRawLinks) {
    if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    const Frame sll_header = bytes({0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00});
    expect_same_as_tshark("sll", LinkType::linux_sll,
                          {cat({sll_header, ipv4({}, syn())}), cat({sll_header, port_unreachable()})});
    const Frame sll2_header = bytes({0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 1, 2, 3, 4, 5, 6, 0, 0});
    expect_same_as_tshark("sll2", LinkType::linux_sll2,
                          {cat({sll2_header, ipv6_with_extensions()}), cat({sll2_header, packet_too_big()})});
    Frame null_v4;
    put32le(null_v4, 2);
    Frame null_v6;
    put32le(null_v6, 30);
    expect_same_as_tshark("null", LinkType::null,
                          {cat({null_v4, ipv4({}, sack_ack())}), cat({null_v6, ipv6(17, udp(1, 2, filler(3)))})});
    Frame loop_v4;
    put32(loop_v4, 2);
    expect_same_as_tshark("loop", LinkType::loop, {cat({loop_v4, echo_request()})});
    expect_same_as_tshark("raw", LinkType::raw, {ipv4({}, syn()), ipv6_with_extensions(), first_fragment()});
    expect_same_as_tshark("ipv4", LinkType::ipv4, {later_fragment()});
    expect_same_as_tshark("ipv6", LinkType::ipv6, {packet_too_big()});
}

}  // namespace
}  // namespace netlens::packet
