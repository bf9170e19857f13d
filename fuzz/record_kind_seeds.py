"""Records raw packet_diag, netlink_diag and mptcp (inet_diag) dump replies from the
current network namespace into seed files for the sock_diag fuzzer, which the unit
tests also decode. Run it in a namespace holding tests/e2e/lib/kinds_fixture.py:

    ip netns exec NS python3 fuzz/record_kind_seeds.py fuzz/corpus/sock_diag
"""
import os
import socket
import struct
import sys

SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, NLM_F_DUMP, NLMSG_DONE, NLMSG_ERROR = 20, 1, 0x300, 3, 2
MAX_SEED = 64 * 1024 - 1


def dump(body):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)
    s.bind((0, 0))
    s.send(struct.pack("IHHII", 16 + len(body), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body)
    out = b""
    while True:
        data = s.recv(65536)
        offset = 0
        while offset + 16 <= len(data):
            length, kind = struct.unpack_from("IH", data, offset)
            if len(out) + length > MAX_SEED:
                return out
            out += data[offset:offset + length]
            if kind in (NLMSG_DONE, NLMSG_ERROR):
                return out
            offset += (length + 3) & ~3


packet = struct.pack("BBHIIII", socket.AF_PACKET, 0, 0, 0, 0x3F, 0, 0)  # every PACKET_SHOW_*
netlink = struct.pack("BBHIIII", socket.AF_NETLINK, 255, 0, 0, 0xB, 0, 0)  # groups, meminfo, flags
# inet_diag_req_v2 for TCP in every state with info, memory, then INET_DIAG_REQ_PROTOCOL 262
ext = (1 << 1) | (1 << 3) | (1 << 6)
mptcp = struct.pack("BBBBI", socket.AF_INET, 6, ext, 0, 0xFFFFFFFF) + bytes(48) + struct.pack("HHI", 8, 3, 262)  # INET_DIAG_REQ_PROTOCOL

for name, body in (("packet", packet), ("netlink", netlink), ("mptcp4", mptcp)):
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        f.write(dump(body))
