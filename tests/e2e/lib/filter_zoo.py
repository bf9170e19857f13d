#!/usr/bin/env python3
"""Sockets for the filter test, all in the namespace this runs in.

usage: filter_zoo.py DIR READY-FILE [CGROUP-PROCS-FILE]

TCP listeners on several ports and addresses (IPv4, IPv6, dual-stack), connections to
them (autobound clients, and one bound explicitly to a port inside
ip_local_port_range), UDP sockets, sockets with SO_MARK, sockets bound to the veth
devices v0/v1, UNIX sockets with paths under DIR and abstract names (one autobound).
With CGROUP-PROCS-FILE, the process moves into that cgroup half way, so the later
sockets belong to it. Writes its pid to READY-FILE and sleeps until killed.
"""
import os
import socket
import sys
import time

SO_MARK = 36
SO_BINDTODEVICE = 25
keep = []


def tcp_listen(family, address, port, mark=None, device=None, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
    if mark is not None:
        s.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    if device is not None:
        s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, device.encode())
    s.bind((address, port))
    s.listen(16)
    keep.append(s)
    return s


def tcp_connect(family, address, port, bind=None, mark=None):
    c = socket.socket(family, socket.SOCK_STREAM)
    if mark is not None:
        c.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    if bind is not None:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind(bind)
    c.connect((address, port))
    keep.append(c)


def udp(family, address, port, connect=None, device=None):
    s = socket.socket(family, socket.SOCK_DGRAM)
    if device is not None:
        s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, device.encode())
    s.bind((address, port))
    if connect is not None:
        s.connect(connect)
    keep.append(s)


def unix(kind, name, listen=False):
    s = socket.socket(socket.AF_UNIX, kind)
    s.bind(name)
    if listen:
        s.listen(4)
    keep.append(s)
    return s


def accept_all():
    for s in list(keep):
        if s.type == socket.SOCK_STREAM and s.family != socket.AF_UNIX:
            s.setblocking(False)
            while True:
                try:
                    keep.append(s.accept()[0])
                except (BlockingIOError, OSError):
                    break


def main():
    directory, ready = sys.argv[1], sys.argv[2]
    cgroup_procs = sys.argv[3] if len(sys.argv) > 3 else None
    A4, A6 = socket.AF_INET, socket.AF_INET6

    tcp_listen(A4, "0.0.0.0", 80)
    tcp_listen(A4, "127.0.0.1", 22)
    tcp_listen(A4, "10.40.0.1", 443)
    tcp_listen(A4, "10.40.0.2", 8080)
    tcp_listen(A6, "::1", 22, v6only=True)
    tcp_listen(A6, "::", 5000, v6only=False)
    tcp_listen(A6, "fd00:40::1", 443, v6only=True)
    tcp_listen(A4, "10.40.0.1", 7000, mark=0x15)
    tcp_listen(A4, "0.0.0.0", 7100, device="v0")
    tcp_listen(A6, "::", 7101, device="v1", v6only=True)

    tcp_connect(A4, "127.0.0.1", 22)
    tcp_connect(A4, "127.0.0.1", 80)
    tcp_connect(A4, "10.40.0.1", 443, bind=("10.40.0.2", 40000))
    tcp_connect(A4, "10.40.0.2", 8080, bind=("10.40.0.1", 1500))
    tcp_connect(A6, "::1", 22)
    tcp_connect(A4, "127.0.0.1", 5000)
    tcp_connect(A6, "fd00:40::1", 443)
    tcp_connect(A4, "10.40.0.1", 7000, mark=0x20)

    udp(A4, "0.0.0.0", 53)
    udp(A6, "::1", 53)
    udp(A4, "127.0.0.1", 0, connect=("127.0.0.1", 53))
    udp(A4, "0.0.0.0", 7200, device="v1")

    unix(socket.SOCK_STREAM, os.path.join(directory, "alpha.sock"), listen=True)
    unix(socket.SOCK_STREAM, os.path.join(directory, "Beta.sock"), listen=True)
    unix(socket.SOCK_DGRAM, os.path.join(directory, "gamma.dgram"))
    unix(socket.SOCK_STREAM, "\0netlens-zoo-abstract", listen=True)
    unix(socket.SOCK_DGRAM, "\0Netlens-Zoo-Upper")
    unix(socket.SOCK_DGRAM, "")  # autobind: the kernel names it @xxxxx
    keep.extend(socket.socketpair())
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(os.path.join(directory, "alpha.sock"))
    keep.append(client)

    if cgroup_procs:
        with open(cgroup_procs, "w") as f:
            f.write(str(os.getpid()))
        tcp_listen(A4, "127.0.0.1", 9100)
        tcp_connect(A4, "127.0.0.1", 9100)
        udp(A6, "::", 9101)

    time.sleep(0.2)
    accept_all()
    with open(ready + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(ready + ".tmp", ready)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
