"""Holds many loopback TCP connections for bench/sockets_bench.sh (standard library only).

  socket_load.py server PORT READY_FILE          accept and keep every connection
  socket_load.py client PORTS COUNT READY_FILE   COUNT connections spread over PORTS (a,b,c)
"""

import os
import socket
import sys
import time


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


if __name__ == "__main__":
    {"server": server, "client": client}[sys.argv[1]](*sys.argv[2:])
