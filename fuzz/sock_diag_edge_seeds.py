#!/usr/bin/env python3
"""Writes hand-made seeds for the sock_diag fuzzer into fuzz/corpus/sock_diag/edge_*:
inet_diag_msg replies carrying INET_DIAG_SOCKOPT with every flag set, shorter than
struct inet_diag_sockopt (ignored, as ss ignores it), longer, and empty.

    python3 fuzz/sock_diag_edge_seeds.py
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "sock_diag")

SOCK_DIAG_BY_FAMILY = 20
NLMSG_DONE = 3
AF_INET = 2
TCP_LISTEN = 10
INET_DIAG_SHUTDOWN, INET_DIAG_SOCKOPT = 8, 22


def pad(data):
    return data + b"\0" * (-len(data) % 4)


def attr(kind, payload):
    return pad(struct.pack("=HH", 4 + len(payload), kind) + payload)


def inet_diag_msg(attributes):
    sock_id = struct.pack(">HH", 8080, 0) + bytes([127, 0, 0, 1]) + bytes(12) + bytes(16)
    sock_id += struct.pack("=I", 0) + struct.pack("=II", 1, 0)
    body = struct.pack("=BBBB", AF_INET, TCP_LISTEN, 0, 0) + sock_id + struct.pack("=IIIII", 0, 0, 128, 0, 4242)
    body += b"".join(attributes)
    return struct.pack("=IHHII", 16 + len(body), SOCK_DIAG_BY_FAMILY, 2, 1, 0) + body


def done():
    return struct.pack("=IHHIIi", 20, NLMSG_DONE, 2, 1, 0, 0)


SEEDS = {
    "edge_sockopt_every_flag": [attr(INET_DIAG_SOCKOPT, bytes([0xFF, 0x07]))],
    "edge_sockopt_short": [attr(INET_DIAG_SOCKOPT, bytes([0xFF]))],
    "edge_sockopt_long": [attr(INET_DIAG_SOCKOPT, bytes([0x12, 0x01, 0xAA, 0xBB, 0xCC]))],
    "edge_sockopt_empty": [attr(INET_DIAG_SHUTDOWN, bytes([3])), attr(INET_DIAG_SOCKOPT, b"")],
}

for name, attributes in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(inet_diag_msg(attributes) + done())
