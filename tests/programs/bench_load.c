/* The load of the trace benchmark (bench/trace_bench.sh), one mode per run:
 *   bench_load udp N      N sendto + recvfrom pairs over loopback UDP (calls that are traced)
 *   bench_load getpid N   N getpid calls (calls no trace asks for)
 *   bench_load tcp N      N TCP connections to a loopback listener: socket, connect,
 *                         accept, close (new sockets to resolve)
 * Prints the mode and the count it did, so a run that stopped early is seen. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int bound_socket(int type, struct sockaddr_in *addr) {
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) die("socket");
    socklen_t length = sizeof *addr;
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0) die("bind");
    if (getsockname(fd, (struct sockaddr *)addr, &length) < 0) die("getsockname");
    return fd;
}

static long udp(long count) {
    struct sockaddr_in a, b;
    int fa = bound_socket(SOCK_DGRAM, &a), fb = bound_socket(SOCK_DGRAM, &b);
    char buffer[64] = "ping";
    long done = 0;
    for (; done < count; ++done) {
        if (sendto(fa, buffer, 32, 0, (struct sockaddr *)&b, sizeof b) != 32) die("sendto");
        if (recvfrom(fb, buffer, sizeof buffer, 0, NULL, NULL) != 32) die("recvfrom");
    }
    return done;
}

static long getpids(long count) {
    long done = 0;
    for (; done < count; ++done) syscall(SYS_getpid);
    return done;
}

static long tcp(long count) {
    struct sockaddr_in server;
    int listener = bound_socket(SOCK_STREAM, &server);
    if (listen(listener, 128) < 0) die("listen");
    long done = 0;
    for (; done < count; ++done) {
        int client = socket(AF_INET, SOCK_STREAM, 0);
        if (client < 0) die("socket");
        if (connect(client, (struct sockaddr *)&server, sizeof server) < 0) die("connect");
        int accepted = accept(listener, NULL, NULL);
        if (accepted < 0) die("accept");
        close(accepted);
        close(client);
    }
    return done;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: bench_load udp|getpid|tcp COUNT\n");
        return 2;
    }
    const long count = strtol(argv[2], NULL, 10);
    long done;
    if (strcmp(argv[1], "udp") == 0) {
        done = udp(count);
    } else if (strcmp(argv[1], "getpid") == 0) {
        done = getpids(count);
    } else if (strcmp(argv[1], "tcp") == 0) {
        done = tcp(count);
    } else {
        fprintf(stderr, "bench_load: unknown mode %s\n", argv[1]);
        return 2;
    }
    printf("%s %ld\n", argv[1], done);
    return 0;
}
