// A busy process for the engine's detach tests: for SECONDS seconds it opens and closes
// UDP sockets and checks each one (getsockname must show AF_INET), then writes
// "done OK FAILED" and exits 0 only if every socket worked. A tracer that leaves it
// stopped, traced or with a lost signal makes it late, wrong or dead.
// Usage: engine_busy OUT_FILE SECONDS
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    const double end = now() + atof(argv[2]);
    long ok = 0;
    long failed = 0;
    while (now() < end) {
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in address;
        socklen_t length = sizeof address;
        if (fd >= 0 && getsockname(fd, (struct sockaddr*)&address, &length) == 0 && address.sin_family == AF_INET)
            ok++;
        else
            failed++;
        if (fd >= 0) close(fd);
        usleep(100);
    }
    FILE* out = fopen(argv[1], "w");
    if (out == NULL) return 2;
    fprintf(out, "done %ld %ld\n", ok, failed);
    fclose(out);
    return failed == 0 && ok > 0 ? 0 : 1;
}
