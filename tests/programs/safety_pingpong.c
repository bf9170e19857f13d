/* A busy loopback UDP ping-pong for the tracer's detach tests: each of THREADS threads
   (default 1) owns two UDP sockets and does ROUNDS round trips, each carrying its round
   number and checked on return, with PAUSE_US microseconds between rounds. It prints
   "pid=..." when it starts, then "rounds=R ok=K bad=B" at the end and exits 0 only if
   every round trip of every thread came back right. A tracer that leaves it stopped,
   traced or with a lost signal makes it late, wrong or dead.
   Usage: safety_pingpong ROUNDS [THREADS] [PAUSE_US] */
#include "program_util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static long rounds;
static long pause_us;
static atomic_long ok;
static atomic_long bad;

static int bound_udp(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = loopback(0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&any, sizeof(any)) != 0) return -1;
    return fd;
}

/* One round trip: a -> b carrying "ping N", b echoes it back to a. */
static int round_trip(int a, int b, long n) {
    char out[32], in[32], echo[32];
    int length = snprintf(out, sizeof(out), "ping %ld", n);
    struct sockaddr_in to_b = loopback(local_port(b));
    struct sockaddr_in to_a = loopback(local_port(a));
    if (sendto(a, out, length, 0, (struct sockaddr *)&to_b, sizeof(to_b)) != length) return 0;
    ssize_t got = recv(b, in, sizeof(in), 0);
    if (got != length || sendto(b, in, got, 0, (struct sockaddr *)&to_a, sizeof(to_a)) != got) return 0;
    got = recv(a, echo, sizeof(echo), 0);
    return got == length && memcmp(echo, out, length) == 0;
}

static void *player(void *unused) {
    (void)unused;
    int a = bound_udp();
    int b = bound_udp();
    if (a < 0 || b < 0) {
        atomic_fetch_add(&bad, rounds);
        return NULL;
    }
    for (long n = 0; n < rounds; ++n) {
        if (round_trip(a, b, n))
            atomic_fetch_add(&ok, 1);
        else
            atomic_fetch_add(&bad, 1);
        if (pause_us > 0) usleep(pause_us);
    }
    close(a);
    close(b);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) return 2;
    rounds = atol(argv[1]);
    int threads = argc >= 3 ? atoi(argv[2]) : 1;
    pause_us = argc >= 4 ? atol(argv[3]) : 200;
    if (rounds <= 0 || threads < 1 || threads > 16) return 2;
    FACT("pid=%d", (int)getpid());
    pthread_t workers[16];
    for (int i = 1; i < threads; ++i)
        if (pthread_create(&workers[i], NULL, player, NULL) != 0) return 3;
    player(NULL);
    for (int i = 1; i < threads; ++i) pthread_join(workers[i], NULL);
    FACT("rounds=%ld ok=%ld bad=%ld", rounds * threads, atomic_load(&ok), atomic_load(&bad));
    return atomic_load(&bad) == 0 && atomic_load(&ok) == rounds * threads ? 0 : 1;
}
