// A busy process for the engine's detach tests: for SECONDS seconds it (and THREADS more
// threads, default none) opens and closes UDP sockets and checks each one (getsockname
// must show AF_INET), then writes "done OK FAILED" and exits 0 only if every socket
// worked. A tracer that leaves it stopped, traced or with a lost signal makes it late,
// wrong or dead.
// Usage: engine_busy OUT_FILE SECONDS [THREADS]
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double end_time;
static atomic_long ok;
static atomic_long failed;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void* work(void* unused) {
    (void)unused;
    while (now() < end_time) {
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in address;
        socklen_t length = sizeof address;
        if (fd >= 0 && getsockname(fd, (struct sockaddr*)&address, &length) == 0 && address.sin_family == AF_INET)
            atomic_fetch_add(&ok, 1);
        else
            atomic_fetch_add(&failed, 1);
        if (fd >= 0) close(fd);
        usleep(100);
    }
    return NULL;
}

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) return 2;
    end_time = now() + atof(argv[2]);
    const int threads = argc == 4 ? atoi(argv[3]) : 0;
    pthread_t workers[16];
    if (threads < 0 || threads > 16) return 2;
    for (int i = 0; i < threads; ++i)
        if (pthread_create(&workers[i], NULL, work, NULL) != 0) return 3;
    work(NULL);
    for (int i = 0; i < threads; ++i) pthread_join(workers[i], NULL);
    FILE* out = fopen(argv[1], "w");
    if (out == NULL) return 2;
    fprintf(out, "done %ld %ld\n", atomic_load(&ok), atomic_load(&failed));
    fclose(out);
    return atomic_load(&failed) == 0 && atomic_load(&ok) > 0 ? 0 : 1;
}
