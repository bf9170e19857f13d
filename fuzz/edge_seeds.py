#!/usr/bin/env python3
"""Writes the hand-made edge-case seeds for the rtnl_decode fuzzer into
fuzz/corpus/rtnl_decode/edge_*: damaged messages a recording never contains.

    python3 fuzz/edge_seeds.py
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "rtnl_decode")

RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE, RTM_NEWNEIGH = 16, 20, 24, 28
NLMSG_DONE = 3
IFLA_ADDRESS, IFLA_IFNAME, IFLA_MTU, IFLA_LINK, IFLA_STATS64, IFLA_LINKINFO = 1, 3, 4, 5, 23, 18
IFLA_INFO_KIND = 1
IFA_ADDRESS, IFA_LOCAL, IFA_LABEL, IFA_FLAGS = 1, 2, 3, 8
NDA_DST, NDA_LLADDR = 1, 2
RTA_DST, RTA_OIF, RTA_GATEWAY, RTA_PRIORITY, RTA_TABLE = 1, 4, 5, 6, 15
AF_INET, AF_INET6 = 2, 10
NLA_F_NESTED = 0x8000


def pad(data):
    return data + b"\0" * (-len(data) % 4)


def attr(kind, payload, length=None):
    return pad(struct.pack("=HH", 4 + len(payload) if length is None else length, kind) + payload)


def message(kind, body, length=None, aligned=True):
    data = struct.pack("=IHHII", 16 + len(body) if length is None else length, kind, 2, 1, 0) + body
    return pad(data) if aligned else data


def ifinfomsg(index, flags=0x1043):
    return struct.pack("=BxHiII", 0, 1, index, flags, 0)


def ifaddrmsg(family, prefix, index):
    return struct.pack("=BBBBI", family, prefix, 0, 0, index)


def ndmsg(family, index, state):
    return struct.pack("=BxxxiHBB", family, index, state, 0, 0)


def rtmsg(family, dst_len, table=254):
    return struct.pack("=BBBBBBBBI", family, dst_len, 0, 0, table, 3, 0, 1, 0)


def done():
    return message(NLMSG_DONE, struct.pack("=i", 0))


link = message(RTM_NEWLINK, ifinfomsg(2) + attr(IFLA_IFNAME, b"eth0\0") + attr(IFLA_MTU, struct.pack("=I", 1500))
               + attr(IFLA_ADDRESS, bytes(range(6)))
               + attr(IFLA_LINKINFO | NLA_F_NESTED, attr(IFLA_INFO_KIND, b"veth\0")))

SEEDS = {
    # Nothing at all, and a header cut short.
    "edge_empty": b"",
    "edge_cut_header": link[:10],
    # A whole message followed by one cut in its attributes.
    "edge_truncated": link + link[:40],
    # nlmsg_len not a multiple of 4 on the last message, ending the buffer: attribute
    # walks must stop at nlmsg_len, not at the aligned length.
    "edge_unaligned_tail": message(RTM_NEWLINK, ifinfomsg(3) + attr(IFLA_IFNAME, b"eth0\0")
                                   + attr(IFLA_MTU, struct.pack("=I", 1500)), length=49, aligned=True)[:49],
    # Each type with less than its fixed header, then a valid message.
    "edge_short_headers": b"".join(message(t, b"\0" * 4) for t in (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE,
                                                                   RTM_NEWNEIGH)) + link + done(),
    # Attributes shorter than their type: MTU of 2 bytes, a 24-byte STATS64, a 0-length name.
    "edge_short_attributes": message(RTM_NEWLINK, ifinfomsg(4) + attr(IFLA_MTU, b"\x05\xdc")
                                     + attr(IFLA_STATS64, struct.pack("=QQQ", 1, 2, 3)) + attr(IFLA_IFNAME, b"")
                                     + attr(IFLA_LINK, b"\1")) + done(),
    # An attribute whose length runs past the message, and one claiming length 0.
    "edge_overlong_attribute": message(RTM_NEWLINK, ifinfomsg(5) + attr(IFLA_IFNAME, b"x\0")
                                       + struct.pack("=HH", 400, IFLA_MTU) + b"\0" * 4)
                               + message(RTM_NEWLINK, ifinfomsg(6) + struct.pack("=HH", 0, IFLA_IFNAME) + b"ab\0\0"),
    # A nested link-info whose inner attribute overruns the nest.
    "edge_bad_nest": message(RTM_NEWLINK, ifinfomsg(7) + attr(IFLA_LINKINFO | NLA_F_NESTED,
                                                              struct.pack("=HH", 64, IFLA_INFO_KIND) + b"veth")),
    # Addresses: point-to-point peer, a 3-byte local, an IPv6 address under AF_INET.
    "edge_addresses": message(RTM_NEWADDR, ifaddrmsg(AF_INET, 32, 2) + attr(IFA_LOCAL, bytes([10, 0, 0, 1]))
                              + attr(IFA_ADDRESS, bytes([10, 0, 0, 2])) + attr(IFA_LABEL, b"ppp0\0")
                              + attr(IFA_FLAGS, b"\x80\0"))
                      + message(RTM_NEWADDR, ifaddrmsg(AF_INET, 24, 2) + attr(IFA_LOCAL, bytes([10, 0, 0]))
                                + attr(IFA_ADDRESS, bytes(16)))
                      + message(RTM_NEWADDR, ifaddrmsg(AF_INET6, 64, 2) + attr(IFA_ADDRESS, bytes(15) + b"\1"))
                      + done(),
    # Neighbours and routes with short or missing attributes, a huge table number.
    "edge_neigh_route": message(RTM_NEWNEIGH, ndmsg(AF_INET, 2, 0x20) + attr(NDA_DST, bytes([192, 0, 2, 1])))
                        + message(RTM_NEWNEIGH, ndmsg(AF_INET6, 2, 0x01) + attr(NDA_LLADDR, bytes(6)))
                        + message(RTM_NEWROUTE, rtmsg(AF_INET, 0) + attr(RTA_GATEWAY, bytes([192, 0, 2, 1]))
                                  + attr(RTA_OIF, struct.pack("=I", 2)) + attr(RTA_TABLE, struct.pack("=I", 2**32 - 1))
                                  + attr(RTA_PRIORITY, b"\1\0"))
                        + message(RTM_NEWROUTE, rtmsg(AF_INET6, 128) + attr(RTA_DST, bytes(4))) + done(),
    # Length fields of 2^31 and more: libmnl's mnl_nlmsg_ok compares them as int, so
    # they pass; 0xFFFFFFFF then aligns to 0 (the same message forever) and 0x80000010
    # moves the walk 2 GiB past the buffer.
    "edge_huge_length": message(RTM_NEWLINK, ifinfomsg(8), length=0xFFFFFFFF),
    "edge_length_2g": link + message(RTM_NEWLINK, ifinfomsg(9), length=0x80000010) + link,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
