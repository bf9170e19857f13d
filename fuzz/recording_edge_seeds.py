#!/usr/bin/env python3
"""Writes the damaged seeds of corpus/recording/ (edge_*) from the real recording
corpus/recording/scratch_namespace: cut files, lengths and counts past the end, an errno
out of range, an unknown record kind, a netlink answer that stops before its end.
The layout is the one src/source/recording_format.h documents."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus", "recording")
HEADER = 16
NETLINK = 2


def records(data):
    """(offset, kind, body) for every record after the header."""
    out, at = [], HEADER
    while at + 5 <= len(data):
        kind, length = struct.unpack_from("<BI", data, at)
        out.append((at, kind, data[at + 5:at + 5 + length]))
        at += 5 + length
    return out


def fields(body):
    """The body split into its fields: netns, subject, number, request, err, parts."""
    at, blobs = 0, []

    def blob():
        nonlocal at
        (n,) = struct.unpack_from("<I", body, at)
        at += 4 + n
        return body[at - n:at]

    netns, subject = blob(), blob()
    (number,) = struct.unpack_from("<I", body, at)
    at += 4
    request = blob()
    err, count = struct.unpack_from("<iI", body, at)
    at += 8
    parts = [blob() for _ in range(count)]
    return netns, subject, number, request, err, parts


def encode(kind, netns, subject, number, request, err, parts, count=None):
    def blob(b):
        return struct.pack("<I", len(b)) + b
    body = blob(netns) + blob(subject) + struct.pack("<I", number) + blob(request)
    body += struct.pack("<iI", err, len(parts) if count is None else count) + b"".join(blob(p) for p in parts)
    return struct.pack("<BI", kind, len(body)) + body


def main():
    with open(os.path.join(CORPUS, "scratch_namespace"), "rb") as f:
        real = f.read()
    recs = records(real)
    header = real[:HEADER]
    first_netlink = next(r for r in recs if r[1] == NETLINK)
    netns, subject, number, request, err, parts = fields(first_netlink[2])
    seeds = {
        "edge_header_only": header,
        "edge_cut_in_record": real[:recs[2][0] + 5 + len(recs[2][2]) // 2],
        "edge_cut_record_header": real[:recs[1][0] + 3],
        "edge_huge_record_length": real[:recs[1][0] + 1] + struct.pack("<I", 0xFFFFFFFF) + real[recs[1][0] + 5:],
        "edge_huge_part_count": header + encode(NETLINK, netns, subject, number, request, err, parts, 0xFFFFFFFF),
        "edge_errno_out_of_range": header + encode(3, b"", b"/proc/net/sockstat", 0, b"", 99999, []),
        "edge_unknown_kind": header + encode(42, b"", b"later", 0, b"", 0, [b"x"]) + real[HEADER:],
        "edge_reply_stops_early": header + encode(NETLINK, netns, subject, number, request, 0, parts[:-1]),
        "edge_answers_errno": header + encode(NETLINK, netns, subject, number, request, 105, parts[:1])
                              + encode(3, b"", b"/proc/net/sockstat", 0, b"", 13, []),
    }
    for name, data in seeds.items():
        with open(os.path.join(CORPUS, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
