"""Sockets for tests/e2e/ss_rest_test.sh: every inet socket option sock_diag reports,
and listeners bound to interfaces by name.

  rest_fixture.py READY
      in the namespace it runs in: TCP 127.0.0.1:22 listening with one connection to it;
      listeners on :8081 bound to same0 and :8082 bound to only0 (SO_BINDTODEVICE);
      127.0.0.1:8083 listening with IP_FREEBIND, IP_TRANSPARENT, IP_RECVERR and
      IP_BIND_ADDRESS_NO_PORT; a UDP socket 127.0.0.1:8084 connected to :8085 with
      IP_RECVERR, IP_RECVERR_RFC4884, no multicast loop and no IP_MULTICAST_ALL; a RAW
      socket with IP_HDRINCL and IP_NODEFRAG; a UNIX stream pair.
Writes its pid to READY when every socket is in place, then sleeps until killed.
"""

import os
import socket
import sys
import time

SO_BINDTODEVICE = 25
IP_RECVERR = 11
IP_FREEBIND = 15
IP_TRANSPARENT = 19
IP_NODEFRAG = 22
IP_BIND_ADDRESS_NO_PORT = 24
IP_RECVERR_RFC4884 = 26
IP_MULTICAST_ALL = 49


def listener(addr, port, options=(), device=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if device:
        s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, device.encode())
    for option in options:
        s.setsockopt(socket.IPPROTO_IP, option, 1)
    s.bind((addr, port))
    s.listen(8)
    return s


def main():
    keep = []
    ssh = listener("127.0.0.1", 22)
    client = socket.create_connection(("127.0.0.1", 22))
    served, _ = ssh.accept()
    keep += [ssh, client, served]
    keep.append(listener("0.0.0.0", 8081, device="same0"))
    keep.append(listener("0.0.0.0", 8082, device="only0"))
    keep.append(listener("127.0.0.1", 8083, (IP_FREEBIND, IP_TRANSPARENT, IP_RECVERR, IP_BIND_ADDRESS_NO_PORT)))
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
    udp.setsockopt(socket.IPPROTO_IP, IP_RECVERR_RFC4884, 1)
    udp.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
    udp.setsockopt(socket.IPPROTO_IP, IP_MULTICAST_ALL, 0)
    udp.bind(("127.0.0.1", 8084))
    udp.connect(("127.0.0.1", 8085))
    keep.append(udp)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
    raw.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    raw.setsockopt(socket.IPPROTO_IP, IP_NODEFRAG, 1)
    keep.append(raw)
    keep += list(socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
