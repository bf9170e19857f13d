"""Sockets in known states, for the `netlens sockets` scenarios (standard library only).

  socket_zoo.py server ADDR READY_FILE     in the server namespace
  socket_zoo.py client ADDR READY_FILE     in the client namespace (after the server)
  socket_zoo.py many DST PORT COUNT READY   COUNT connections to DST:PORT, held open

server: 5432 accepts and keeps every connection (clients that close leave CLOSE-WAIT
here); one accepted connection is shared with a forked child (two owners); 6000
accepts and closes at once (TIME-WAIT here once the client closes too); 7000 has
backlog 5 and never accepts (accept queue full); 8000 accepts nothing special (SYN-RECV
when the client's ACKs are dropped); 5000 accepts and never reads (the client's 3000
bytes stay in Recv-Q); 5002 accepts and keeps (the test's nft rules drop the client's
data, which stays in its Send-Q); UDP 5353 bound and never read (the client's three
datagrams stay queued); a UNIX listener and a socketpair with 100 unread bytes.
client: 3 ESTAB and 12 closed connections to 5432, 3 to 6000, 20 to 7000, 6
non-blocking connects to 9999 and 2 to 8000 (the test's nft rules make those SYN-SENT
and SYN-RECV), one connection each to 5000 and 5002 with 3000 and 1000 bytes sent, one
connected UDP socket that sent three datagrams.
Every queue is stable once the sockets are in place, so two tools reading them one after
the other must agree on Recv-Q and Send-Q.
Each side writes READY_FILE when its sockets are in place, then sleeps until killed.
"""

import os
import socket
import sys
import threading
import time


def listener(addr, port, backlog=128):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(backlog)
    return s


def ready(path):
    with open(path + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(path + ".tmp", path)


def server(addr, ready_file):
    keep = []
    shared_done = threading.Event()

    def keep_all(s):
        while True:
            conn, _ = s.accept()
            keep.append(conn)
            if not shared_done.is_set():
                shared_done.set()
                if os.fork() == 0:  # the child holds the first connection too
                    while True:
                        time.sleep(60)

    def close_at_once(s):
        while True:
            conn, _ = s.accept()
            conn.close()

    def keep_unread(s):
        while True:
            keep.append(s.accept()[0])

    threading.Thread(target=keep_all, args=(listener(addr, 5432),), daemon=True).start()
    threading.Thread(target=keep_unread, args=(listener(addr, 5000),), daemon=True).start()
    threading.Thread(target=keep_unread, args=(listener(addr, 5002),), daemon=True).start()
    threading.Thread(target=close_at_once, args=(listener(addr, 6000),), daemon=True).start()
    keep.append(listener(addr, 7000, backlog=5))
    accept_8000 = listener(addr, 8000)
    keep.append(accept_8000)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((addr, 5353))
    keep.append(udp)
    path = ready_file + ".sock"
    unix_listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix_listener.bind(path)
    unix_listener.listen(4)
    keep.append(unix_listener)
    pair = socket.socketpair()
    pair[0].send(b"u" * 100)
    keep.extend(pair)
    ready(ready_file)
    while True:
        time.sleep(60)


def connect(addr, port, blocking=True):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if blocking:
        s.settimeout(5)
        s.connect((addr, port))
    else:
        s.setblocking(False)
        try:
            s.connect((addr, port))
        except BlockingIOError:
            pass
    return s


def client(addr, ready_file):
    keep = [connect(addr, 5432) for _ in range(3)]
    for _ in range(12):
        connect(addr, 5432).close()
    for _ in range(3):
        s = connect(addr, 6000)
        s.recv(1)  # the server closes first
        s.close()
    keep += [connect(addr, 7000, blocking=False) for _ in range(20)]
    keep += [connect(addr, 9999, blocking=False) for _ in range(6)]
    keep += [connect(addr, 8000, blocking=False) for _ in range(2)]
    unread = connect(addr, 5000)
    unread.sendall(b"r" * 3000)
    unsent = connect(addr, 5002)
    unsent.sendall(b"s" * 1000)
    keep += [unread, unsent]
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.connect((addr, 5353))
    for _ in range(3):
        udp.send(b"d" * 100)
    keep.append(udp)
    time.sleep(0.5)  # let the handshakes settle
    ready(ready_file)
    while True:
        time.sleep(60)


def many(addr, port, count, ready_file):
    keep = [connect(addr, int(port)) for _ in range(int(count))]
    ready(ready_file)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "server":
        server(sys.argv[2], sys.argv[3])
    elif mode == "client":
        client(sys.argv[2], sys.argv[3])
    elif mode == "many":
        many(*sys.argv[2:6])
    else:
        sys.exit(f"unknown mode {mode}")
