"""Holds loopback TCP sockets for the bench/ scripts (standard library only).

  socket_load.py server PORT READY_FILE          accept and keep every connection
  socket_load.py client PORTS COUNT READY_FILE   COUNT connections spread over PORTS (a,b,c)
  socket_load.py netns COUNT READY_PREFIX NETNS_FILE...
      one process per namespace file (entered with setns) holding COUNT sockets there:
      one or two listeners and connections to the first, both ends; it writes
      READY_PREFIX<i> for the i-th namespace when its sockets are up, and dies with the
      parent process
"""

import ctypes
import os
import signal
import socket
import sys
import time

CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1


def ready(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))


def server(port, ready_file):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(port)))
    listener.listen(4096)
    ready(ready_file)
    keep = []
    while True:
        keep.append(listener.accept()[0])


def client(ports, count, ready_file):
    ports = [int(p) for p in ports.split(",")]
    keep = []
    for i in range(int(count)):
        keep.append(socket.create_connection(("127.0.0.1", ports[i % len(ports)])))
    ready(ready_file)
    while True:
        time.sleep(60)


def hold_in(path, count, ready_file):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    fd = os.open(path, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + path)
    os.close(fd)
    listeners = 1 if count % 2 else 2
    keep = []
    for port in range(5000, 5000 + listeners):
        listener = socket.socket()
        listener.bind(("127.0.0.1", port))
        listener.listen(count)
        keep.append(listener)
    for _ in range((count - listeners) // 2):
        keep.append(socket.create_connection(("127.0.0.1", 5000)))
        keep.append(keep[0].accept()[0])
    ready(ready_file)
    while True:
        time.sleep(60)


def netns(count, ready_prefix, *paths):
    for i, path in enumerate(paths):
        if os.fork() == 0:
            try:
                hold_in(path, int(count), ready_prefix + str(i))
            finally:
                os._exit(1)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    {"server": server, "client": client, "netns": netns}[sys.argv[1]](*sys.argv[2:])
