#!/usr/bin/env python3
"""Writes the seeds of the packet_decode fuzzer into fuzz/corpus/packet_decode/: one
packet per file, its first byte the index of the link type in packet_decode_fuzz.cc's
kLinkTypes, laid out by hand from the RFCs (the same shapes the unit tests build).

    python3 fuzz/packet_decode_seeds.py
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "packet_decode")
ETHERNET, SLL, SLL2, RAW, IPV4, IPV6, NULL, LOOP = range(8)


def ipv4(proto, payload, flags=0x4000, ident=0x1234, total=None):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload) if total is None else total, ident, flags,
                       64, proto, 0, bytes([192, 0, 2, 1]), bytes([198, 51, 100, 7])) + payload


def ipv6(next_header, payload, length=None):
    address = bytes.fromhex("20010db8000000000000000000000001")
    return struct.pack("!IHBB", 0x60012345, len(payload) if length is None else length, next_header, 64) \
        + address + address[:-1] + b"\x02" + payload


def tcp(flags=0x18, options=b"", payload=b""):
    return struct.pack("!HHIIBBHHH", 40000, 443, 1, 2, (5 + len(options) // 4) << 4, flags, 501, 0, 0) \
        + options + payload


def udp(payload, length=None):
    return struct.pack("!HHHH", 53, 41000, 8 + len(payload) if length is None else length, 0) + payload


def icmp(kind, code, rest, payload):
    return struct.pack("!BBHI", kind, code, 0, rest) + payload


def ethernet(ethertype, payload, tags=()):
    frame = bytes.fromhex("020000000002020000000001")
    for tpid, tci in tags:
        frame += struct.pack("!HH", tpid, tci)
    frame += struct.pack("!H", ethertype) + payload
    return frame + b"\0" * max(0, 60 - len(frame))


SYN_OPTIONS = bytes([2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7])
SACK_OPTIONS = bytes([1, 1, 5, 18]) + struct.pack("!IIII", 100, 200, 300, 400)
QUOTED_UDP = ipv4(17, udp(b"\0" * 24))[:28]
QUOTED_TCP6 = ipv6(6, tcp(payload=b"\0" * 100))[:48]
EXTENSIONS = bytes([60, 0, 1, 4, 0, 0, 0, 0, 51, 0, 1, 4, 0, 0, 0, 0, 17, 1]) + b"\0" * 6 + udp(b"abc")

SEEDS = {
    "ethernet_tcp_syn": (ETHERNET, ethernet(0x0800, ipv4(6, tcp(0x02, SYN_OPTIONS)))),
    "ethernet_tcp_sack": (ETHERNET, ethernet(0x0800, ipv4(6, tcp(0x10, SACK_OPTIONS, b"data")))),
    "ethernet_qinq_udp": (ETHERNET, ethernet(0x0800, ipv4(17, udp(b"\1" * 20)), [(0x88a8, 100), (0x8100, 12)])),
    "ethernet_ipv6_extensions": (ETHERNET, ethernet(0x86dd, ipv6(0, EXTENSIONS))),
    "ethernet_icmp_unreachable": (ETHERNET, ethernet(0x0800, ipv4(1, icmp(3, 3, 0, QUOTED_UDP)))),
    "ipv6_icmpv6_too_big": (IPV6, ipv6(58, icmp(2, 0, 1280, QUOTED_TCP6))),
    "ipv4_first_fragment": (IPV4, ipv4(17, udp(b"\2" * 64, 1000), flags=0x2000)),
    "ipv4_later_fragment": (IPV4, ipv4(17, b"\3" * 64, flags=185)),
    "ipv6_fragment": (IPV6, ipv6(44, bytes([17, 0, 0, 1, 1, 2, 3, 4]) + udp(b"\4" * 40, 400))),
    "ipv6_jumbogram": (IPV6, ipv6(0, bytes([17, 0, 0xc2, 4, 0, 0, 0, 0]) + udp(b"\5" * 10, 0), length=0)),
    "sll_tcp": (SLL, bytes.fromhex("0004000100060102030405060000") + b"\x08\x00" + ipv4(6, tcp())),
    "sll2_udp6": (SLL2, bytes.fromhex("86dd000000000003000104060102030405060000") + ipv6(17, udp(b"x"))),
    "raw_tcp": (RAW, ipv4(6, tcp(0x11))),
    "null_ipv6": (NULL, struct.pack("<I", 30) + ipv6(17, udp(b"y"))),
    "loop_icmp": (LOOP, struct.pack("!I", 2) + ipv4(1, icmp(8, 0, 0x10001, b"ping"))),
    "ipv4_bad_total_length": (IPV4, ipv4(6, tcp(), total=10)),
    "tcp_bad_option": (IPV4, ipv4(6, tcp(0x18, bytes([3, 4, 7, 0])))),
}

os.makedirs(OUT, exist_ok=True)
for name, (link, packet) in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as seed:
        seed.write(bytes([link]) + packet)
