#!/usr/bin/env python3
"""Records raw ethtool generic netlink dump replies (link modes, link info, link state)
and the controller's family answer from the current network namespace into seed files
for the ethtool fuzzer. Run as root inside a scratch namespace with links
(fuzz/record_seeds.sh does): python3 fuzz/record_ethtool_seeds.py OUTPUT_DIR"""

import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
ETHTOOL_A_HEADER_FLAGS = 3
ETHTOOL_FLAG_COMPACT_BITSETS = 1
QUERIES = {"linkinfo": 2, "linkmodes": 4, "linkstate": 6}  # ETHTOOL_MSG_*_GET


def attribute(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * (-length % 4)


def message(kind, flags, command, attributes, seq):
    body = struct.pack("=BBH", command, 1, 0) + attributes
    return struct.pack("=IHHII", 16 + len(body), kind, flags, seq, 0) + body


def exchange(sock, request):
    sock.send(request)
    replies = b""
    while True:
        datagram = sock.recv(1 << 16)
        offset, done = 0, False
        while offset + 16 <= len(datagram):
            length, kind = struct.unpack_from("=IH", datagram, offset)
            if kind == NLMSG_ERROR:
                (error,) = struct.unpack_from("=i", datagram, offset + 16)
                if error != 0:
                    raise OSError(-error, os.strerror(-error))
                done = True
            elif kind == NLMSG_DONE:
                done = True
            replies += datagram[offset:offset + length]
            offset += (length + 3) & ~3
        if done:
            return replies


def main(out):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.bind((0, 0))
    name = attribute(CTRL_ATTR_FAMILY_NAME, b"ethtool\0")
    family_reply = exchange(sock, message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, CTRL_CMD_GETFAMILY, name, 1))
    with open(os.path.join(out, "family"), "wb") as f:
        f.write(family_reply)
    offset = 16 + 4
    family = None
    while offset + 4 <= len(family_reply):
        length, kind = struct.unpack_from("=HH", family_reply, offset)
        if kind == CTRL_ATTR_FAMILY_ID:
            (family,) = struct.unpack_from("=H", family_reply, offset + 4)
            break
        offset += (length + 3) & ~3
    header = attribute(1 | 0x8000, attribute(ETHTOOL_A_HEADER_FLAGS, struct.pack("=I", ETHTOOL_FLAG_COMPACT_BITSETS)))
    everything = b""
    for seq, (file, command) in enumerate(QUERIES.items(), 2):
        replies = exchange(sock, message(family, NLM_F_REQUEST | NLM_F_DUMP, command, header, seq))
        everything += replies
        with open(os.path.join(out, file), "wb") as f:
            f.write(replies)
        print(f"{out}/{file}: {len(replies)} bytes")
    with open(os.path.join(out, "all_queries"), "wb") as f:
        f.write(everything)


if __name__ == "__main__":
    main(sys.argv[1])
