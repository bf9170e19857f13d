"""Sockets of every kind `ss -f/-A` can tell apart, for tests/e2e/ss_select_test.sh.

  select_fixture.py server ADDR4 ADDR6 READY   listeners and unconnected sockets
  select_fixture.py client ADDR4 ADDR6 READY   connections to the server
  select_fixture.py holder ADDR4 PORT COUNT LOG  COUNT connections to ADDR4:PORT; writes
      "reset N" to LOG as each one sees ECONNRESET/ECONNABORTED (after ss -K)
  select_fixture.py churn ADDR4 ADDR6 COUNT  opens and closes (with a reset: SO_LINGER 0,
      so the socket is destroyed at once) COUNT TCP connections to :7001/:7002 and connects and
      closes COUNT UDP sockets per family, then exits

server: TCP listeners on :7001 (IPv4) and :7002 (IPv6) that accept and hold, UDP bound on
:7003 (both families) and a connected UDP socket, UNIX stream listener + connected pair,
UNIX datagram (bound, unbound connected pair) and seqpacket pair.
client: two TCP connections per family, a connected UDP socket per family.
Writes its pid to READY when every socket is in place, then sleeps until killed.
"""

import os
import socket
import sys
import time


def ready(path):
    with open(path + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(path + ".tmp", path)


def server(addr4, addr6, path):
    keep = []
    for family, addr, port in ((socket.AF_INET, addr4, 7001), (socket.AF_INET6, addr6, 7002)):
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((addr, port))
        listener.listen(16)
        keep.append(listener)
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.bind((addr, 7003))
        keep.append(udp)
    connected = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    connected.connect((addr4, 7003))
    keep.append(connected)
    stream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stream.bind("\0netlens-select-stream")
    stream.listen(4)
    keep.append(stream)
    peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    peer.connect("\0netlens-select-stream")
    keep += [peer, stream.accept()[0]]
    dgram = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    dgram.bind("\0netlens-select-dgram")
    keep.append(dgram)
    keep += list(socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM))
    keep += list(socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET))
    ready(path)
    listeners = [s for s in keep if s.type == socket.SOCK_STREAM and s.family != socket.AF_UNIX]
    for listener in listeners:
        listener.setblocking(False)
    while True:
        for listener in listeners:
            try:
                keep.append(listener.accept()[0])
            except BlockingIOError:
                pass
        time.sleep(0.05)


def client(addr4, addr6, path):
    keep = []
    for family, addr, port in ((socket.AF_INET, addr4, 7001), (socket.AF_INET6, addr6, 7002)):
        for _ in range(2):
            keep.append(socket.create_connection((addr, port)))
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.connect((addr, 7003))
        keep.append(udp)
    ready(path)
    while True:
        time.sleep(1)


def holder(addr4, port, count, log):
    conns = [socket.create_connection((addr4, int(port))) for _ in range(int(count))]
    with open(log + ".ready", "w") as f:
        f.write(str(os.getpid()))
    resets = 0
    for conn in conns:
        conn.setblocking(True)
    while True:
        for conn in list(conns):
            conn.settimeout(0.05)
            try:
                data = conn.recv(1)
                if data == b"":
                    conns.remove(conn)
            except socket.timeout:
                pass
            except (ConnectionResetError, ConnectionAbortedError):
                conns.remove(conn)
                resets += 1
                with open(log, "w") as f:
                    f.write(f"reset {resets}\n")


def churn(addr4, addr6, count):
    for family, addr, port in ((socket.AF_INET, addr4, 7001), (socket.AF_INET6, addr6, 7002)):
        for _ in range(int(count)):
            conn = socket.create_connection((addr, port))
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()
            udp = socket.socket(family, socket.SOCK_DGRAM)
            udp.connect((addr, 7003))
            udp.close()
            time.sleep(0.05)


if __name__ == "__main__":
    {"server": server, "client": client, "holder": holder, "churn": churn}[sys.argv[1]](*sys.argv[2:])
