"""Sockets shared by the threads of one process and by a forked child, for ss -T.

  threaded_holders.py ADDRESS PORT READY_FILE

A TCP listener on ADDRESS:PORT and a UDP socket on PORT+1; three threads, each named
"worker-N" with prctl(PR_SET_NAME) so each thread has a comm of its own, connect to the
listener and hold their connections; the main thread accepts them. Then a child forked
with every fd (it names itself "holder-child") keeps them too. Threads share one fd
table, so ss -T lists every socket once per thread. READY_FILE is written when all is
up; the process runs until killed (the child dies with it).
"""
import ctypes
import os
import signal
import socket
import sys
import threading
import time

PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1
libc = ctypes.CDLL(None, use_errno=True)


def name_this_thread(name):
    libc.prctl(PR_SET_NAME, name.encode(), 0, 0, 0)


def main(address, port, ready_file):
    port = int(port)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, port))
    listener.listen(16)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((address, port + 1))

    stop = threading.Event()
    connected = threading.Barrier(4)
    held = []

    def worker(number):
        name_this_thread("worker-%d" % number)
        held.append(socket.create_connection((address, port)))
        connected.wait()
        stop.wait()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(1, 4)]
    for thread in threads:
        thread.start()
    accepted = [listener.accept()[0] for _ in threads]
    connected.wait()

    child = os.fork()
    if child == 0:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        name_this_thread("holder-child")
        while True:
            time.sleep(60)
    with open(ready_file, "w") as f:
        f.write(str(os.getpid()))
    keep = (listener, udp, held, accepted)
    while keep:
        time.sleep(60)


if __name__ == "__main__":
    main(*sys.argv[1:])
