#!/usr/bin/env python3
"""Writes the seeds of the capture_file fuzzer into fuzz/corpus/capture_file/: small
pcap and pcapng files laid out from their specifications, whole and damaged.

    python3 fuzz/capture_file_seeds.py
"""
import gzip
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "capture_file")


def frame(port, payload=b"abcd"):
    """Ethernet + IPv4 + TCP to `port`, checksums zero."""
    tcp = struct.pack("!HHIIBBHHH", 40000, port, 1, 0, 0x50, 0x18, 512, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, bytes([10, 0, 0, 1]),
                     bytes([10, 0, 0, 2]))
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip + tcp


def pcap(order, magic, records, linktype=1, snaplen=65535):
    data = struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for seconds, fraction, packet in records:
        data += struct.pack(order + "IIII", seconds, fraction, len(packet), len(packet)) + packet
    return data


def pad(data):
    return data + b"\0" * (-len(data) % 4)


def block(order, kind, body, trailer=None):
    body = pad(body)
    size = 12 + len(body)
    return struct.pack(order + "II", kind, size) + body + struct.pack(order + "I", trailer or size)


def section(order):
    return block(order, 0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1))


def option(order, code, value):
    return pad(struct.pack(order + "HH", code, len(value)) + value)


def interface(order, linktype=1, snaplen=65535, tsresol=None, tsoffset=None, name=None):
    body = struct.pack(order + "HHI", linktype, 0, snaplen)
    if name is not None:
        body += option(order, 2, name)
    if tsresol is not None:
        body += option(order, 9, bytes([tsresol]))
    if tsoffset is not None:
        body += option(order, 14, struct.pack(order + "q", tsoffset))
    return block(order, 1, body + struct.pack(order + "HH", 0, 0))


def epb(order, interface_id, units, packet, original=None):
    body = struct.pack(order + "IIIII", interface_id, units >> 32, units & 0xFFFFFFFF, len(packet),
                       len(packet) if original is None else original)
    return block(order, 6, body + packet)


def spb(order, packet, original):
    return block(order, 3, struct.pack(order + "I", original) + packet)


def obsolete(order, interface_id, units, packet):
    body = struct.pack(order + "HHIIII", interface_id, 0, units >> 32, units & 0xFFFFFFFF, len(packet),
                       len(packet))
    return block(order, 2, body + packet)


T = 1_700_000_000_000_000
PCAP_LE = pcap("<", 0xA1B2C3D4, [(1_700_000_000, i, frame(80 + i)) for i in range(3)])
NG_LE = (section("<") + interface("<", snaplen=60, tsresol=9, name=b"eth0") + interface("<", linktype=101, tsresol=0x80 | 20)
         + epb("<", 0, T, frame(80)) + block("<", 4, b"\0" * 8) + epb("<", 1, T, frame(443)[14:])
         + block("<", 5, b"\0" * 12) + block("<", 0x12345678, b"unknown") + spb("<", frame(22, b"x" * 16)[:60], 70)
         + obsolete("<", 0, T + 5, frame(53)))
NG_BE = section(">") + interface(">", tsoffset=-3600) + epb(">", 0, T, frame(80)) + spb(">", frame(81), 58)

SEEDS = {
    "pcap_le_micro": PCAP_LE,
    "pcap_be_nano": pcap(">", 0xA1B23C4D, [(1, 999_999_999, frame(80)), (2, 0, frame(53))]),
    "pcap_fcs_bits_raw": pcap("<", 0xA1B2C3D4, [(0, 0, frame(80)[14:])], linktype=101 | 0x04000000 | 4 << 28),
    "pcapng_every_block": NG_LE,
    "pcapng_two_sections": NG_LE + NG_BE,
    # A custom block between packets: skipped (tshark shows it as a frame of its own).
    "pcapng_custom_block": section("<") + interface("<") + block("<", 0xBAD, struct.pack("<I", 32473) + b"x")
                           + epb("<", 0, T, frame(80)),
    "pcap_gzip": gzip.compress(PCAP_LE, mtime=0),
    # Damage: cut files, lengths beyond the end or not matching, undefined interfaces.
    "edge_pcap_cut_record": PCAP_LE[:-3],
    "edge_pcap_cut_header": PCAP_LE[:30],
    "edge_pcap_huge_record": pcap("<", 0xA1B2C3D4, [(0, 0, frame(80))])[:32] + struct.pack("<I", 300000),
    "edge_pcapng_cut_block": NG_LE[:-10],
    "edge_pcapng_bad_trailer": section("<") + interface("<") + block("<", 6, b"\0" * 20, trailer=36),
    "edge_pcapng_unaligned": section("<") + struct.pack("<II", 6, 33) + b"\0" * 40,
    "edge_pcapng_no_interface": section("<") + epb("<", 3, T, frame(80)),
    "edge_pcapng_spb_first": section("<") + spb("<", frame(80), 58),
    "edge_pcapng_option_overrun": section("<") + block("<", 1, struct.pack("<HHIHH", 1, 0, 0, 2, 200)),
    "edge_pcapng_tsresol_huge": section("<") + interface("<", tsresol=0xFF) + epb("<", 0, 2**64 - 1, frame(80)),
    "edge_pcapng_bad_magic": struct.pack("<III", 0x0A0D0D0A, 28, 0x11223344) + b"\0" * 16,
    "edge_gzip_cut": gzip.compress(PCAP_LE, mtime=0)[:40],
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
