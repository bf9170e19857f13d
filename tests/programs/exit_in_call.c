/* Two threads blocked in network calls that never return: one in accept on a listener
 * with an address to fill in, one in recvfrom on a UDP socket. Once /proc shows both
 * inside their calls, the main thread ends the process (exit_group), so each call ends
 * without a result ("= ?" in strace). Prints: listen_fd=N udp_fd=N. */
#include "program_util.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

static int listen_fd = -1;
static int udp_fd = -1;
static pid_t waiting_tids[2];

static void *wait_in_accept(void *unused) {
    (void)unused;
    waiting_tids[0] = (pid_t)syscall(SYS_gettid);
    struct sockaddr_in peer;
    socklen_t length = sizeof(peer);
    accept(listen_fd, (struct sockaddr *)&peer, &length);
    return NULL;
}

static void *wait_in_recvfrom(void *unused) {
    (void)unused;
    waiting_tids[1] = (pid_t)syscall(SYS_gettid);
    char buffer[64];
    recvfrom(udp_fd, buffer, sizeof(buffer), 0, NULL, NULL);
    return NULL;
}

/* The number of the call the thread is blocked in, from /proc; -1 while it runs. */
static long current_call(pid_t tid) {
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
    FILE *file = fopen(path, "r");
    if (file == NULL) return -1;
    long number = -1;
    if (fscanf(file, "%ld", &number) != 1) number = -1;
    fclose(file);
    return number;
}

int main(void) {
    listen_fd = loopback_listener(1);
    udp_fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address = loopback(0);
    if (listen_fd < 0 || udp_fd < 0 || bind(udp_fd, (struct sockaddr *)&address, sizeof(address)) != 0) return 1;
    printf("listen_fd=%d\nudp_fd=%d\n", listen_fd, udp_fd);
    fflush(stdout);
    pthread_t threads[2];
    pthread_create(&threads[0], NULL, wait_in_accept, NULL);
    pthread_create(&threads[1], NULL, wait_in_recvfrom, NULL);
    const struct timespec tick = {0, 1000000};
    for (int i = 0; i < 10000; ++i) {
        if (waiting_tids[0] != 0 && waiting_tids[1] != 0 && current_call(waiting_tids[0]) == SYS_accept &&
            current_call(waiting_tids[1]) == SYS_recvfrom)
            exit(0);
        nanosleep(&tick, NULL);
    }
    return 2;
}
