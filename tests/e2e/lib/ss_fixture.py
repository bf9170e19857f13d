"""Sockets for comparing netlens sockets' text with ss's, all in one namespace.

python3 ss_fixture.py ADDR READY_FILE

ADDR is a non-loopback address of the namespace. Makes: TCP listeners on well-known
ports (IPv4, a dual-stack IPv6 one and a v6only one), UDP sockets (bound, connected),
established connections on loopback and on ADDR, a keepalive connection (TCP_KEEPIDLE
7200 s), a connection whose data the namespace's nft rule drops (retransmit timer), a
connection the peer stops reading from with a tiny window (persist timer or unacked
data), TIME-WAIT sockets, a socket shared with a forked child, and UNIX sockets (a
listener with a pending connection, a connected pair, an abstract one). Writes its pid
to READY_FILE when all of that is in place, then sleeps until killed.
"""
import os
import socket
import sys
import time

addr, ready = sys.argv[1], sys.argv[2]
keep = []


def listener(family, host, port, v6only=None, backlog=16):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((host, port))
    s.listen(backlog)
    keep.append(s)
    return s


def connect(family, host, port, server, bind=None):
    c = socket.socket(family, socket.SOCK_STREAM)
    if bind:
        c.bind(bind)
    c.connect((host, port))
    a, _ = server.accept()
    keep.extend([c, a])
    return c, a


ssh = listener(socket.AF_INET, "0.0.0.0", 22)
http = listener(socket.AF_INET, "127.0.0.1", 80)
alt = listener(socket.AF_INET6, "::", 8080, v6only=0)
https = listener(socket.AF_INET6, "::", 443, v6only=1)
pg = listener(socket.AF_INET, addr, 5432)
drop = listener(socket.AF_INET, addr, 9002)
slow = listener(socket.AF_INET, addr, 9003)
slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)

for family, host, port in ((socket.AF_INET, addr, 53), (socket.AF_INET6, "::1", 123)):
    u = socket.socket(family, socket.SOCK_DGRAM)
    u.bind((host, port))
    keep.append(u)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect((addr, 53))
keep.append(u)

# Established: loopback to well-known ports, a client bound to a low port, a v4-mapped peer.
connect(socket.AF_INET, "127.0.0.1", 22, ssh)
connect(socket.AF_INET, "127.0.0.1", 80, http, bind=("127.0.0.1", 1022))
connect(socket.AF_INET, addr, 22, ssh)
connect(socket.AF_INET6, "::1", 8080, alt)
connect(socket.AF_INET, "127.0.0.1", 8080, alt)  # accepted as [::ffff:127.0.0.1]
connect(socket.AF_INET6, "::1", 443, https)

# Keepalive: SO_KEEPALIVE with a 2 h idle time.
k, _ = connect(socket.AF_INET, addr, 22, ssh)
k.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
k.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 7200)

# Retransmit timer: the namespace drops this connection's data segments.
d, _ = connect(socket.AF_INET, addr, 9002, drop)
d.send(b"x" * 1000)

# Persist or unacked data: the accepted side has a tiny window and never reads.
w, _ = connect(socket.AF_INET, addr, 9003, slow)
w.setblocking(False)
try:
    for _ in range(256):
        w.send(b"y" * 4096)
except BlockingIOError:
    pass

# TIME-WAIT: the client closes first, then the server.
for _ in range(3):
    c, a = connect(socket.AF_INET, addr, 5432, pg)
    keep.remove(c)
    keep.remove(a)
    c.close()
    time.sleep(0.05)
    a.close()

# UNIX: a listener with a pending connection, a connected stream pair, an abstract dgram.
path = os.path.join(os.path.dirname(ready), "fixture.sock")
ul = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
ul.bind(path)
ul.listen(4)
uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
uc.connect(path)
keep.extend([ul, uc])
keep.extend(socket.socketpair())
ab = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ab.bind("\0netlens-fixture")
keep.append(ab)

# A socket shared with a child: both hold the :5432 listener.
if os.fork() == 0:
    while True:
        time.sleep(3600)

time.sleep(0.5)
with open(ready + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(ready + ".tmp", ready)
while True:
    time.sleep(3600)
