"""Packet, netlink and MPTCP sockets for ss_kinds_test.sh, held until killed.

python3 kinds_fixture.py IFACE MPTCP(0|1) READY-FILE

Packet: raw for every protocol with a classic BPF filter; datagram for IPv4 bound to
IFACE; raw protocol 0 unbound (autobound to ss); raw ARP bound to lo with an RX ring
and a fanout group. Netlink: rtnl bound to a group, generic, uevent (connected to the
kernel), usersock, a second rtnl (an autobound negative port id), xfrm. MPTCP (when the
namespace has it): a listener on 127.0.0.1:7300 and a connection to it.
"""
import ctypes
import os
import socket
import struct
import sys
import time

iface, mptcp, ready = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
held = []

ETH_P_ALL, ETH_P_IP, ETH_P_ARP = 0x0003, 0x0800, 0x0806
SOL_PACKET, PACKET_RX_RING, PACKET_FANOUT, SO_ATTACH_FILTER = 263, 5, 18, 26

# ldh [12]; ret #0: a two-instruction classic BPF program that keeps nothing (queues stay 0)
program = struct.pack("HBBI", 0x28, 0, 0, 12) + struct.pack("HBBI", 0x06, 0, 0, 0)
program_buffer = ctypes.create_string_buffer(program)
fprog = struct.pack("HL", 2, ctypes.addressof(program_buffer))

raw_all = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
raw_all.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
held.append(raw_all)
dgram_ip = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
dgram_ip.bind((iface, ETH_P_IP))
held.append(dgram_ip)
held.append(socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0))
arp_lo = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
arp_lo.bind(("lo", ETH_P_ARP))
# tpacket_req: block size, block count, frame size, frame count
arp_lo.setsockopt(SOL_PACKET, PACKET_RX_RING, struct.pack("IIII", 4096, 2, 2048, 4))
arp_lo.setsockopt(SOL_PACKET, PACKET_FANOUT, 42 | (1 << 16))  # id 42, type lb
held.append(arp_lo)

route = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
route.bind((0, 1))  # RTMGRP_LINK
held.append(route)
generic = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
generic.bind((0, 0))
held.append(generic)
uevent = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, 15)
uevent.connect((0, 0))
held.append(uevent)
usersock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 2)
usersock.bind((0, 0))
held.append(usersock)
second_route = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
second_route.bind((0, 0))
held.append(second_route)
xfrm = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 6)
xfrm.bind((0, 0))
held.append(xfrm)

if mptcp:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 7300))
    listener.listen(8)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
    client.connect(("127.0.0.1", 7300))
    accepted, _ = listener.accept()
    client.sendall(b"x" * 1000)
    accepted.recv(4096)
    held += [listener, client, accepted]

with open(ready, "w") as f:
    f.write(str(os.getpid()))
while True:
    time.sleep(60)
