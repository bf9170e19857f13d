// Known calls for the ptrace engine's tests: three connect() calls with known outcomes
// (accepted, refused, bad descriptor), a number of getpid() calls and a SIGUSR1 it
// handles, then an exit code of the caller's choice. It writes what it did to a file,
// which is the tests' oracle for what a tracer must have seen:
//   pid PID
//   port PORT                         the listener the first connect reaches
//   connect FD SOCKADDR_ADDRESS RET ERRNO
//   getpid COUNT                      every getpid() it made
//   signal handled COUNT
// Usage: engine_calls OUT_FILE GETPID_COUNT EXIT_CODE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static long getpid_calls;  // every getpid the program makes, the loop's and the others

static pid_t counted_getpid(void) {
    getpid_calls++;
    return (pid_t)syscall(SYS_getpid);
}

static void on_usr1(int signal) {
    (void)signal;
    handled++;
}

static struct sockaddr_in loopback(unsigned short port) {
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

static unsigned short bound_port(int fd) {
    struct sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (bind(fd, (struct sockaddr*)&address, sizeof address) != 0) return 0;
    if (getsockname(fd, (struct sockaddr*)&address, &length) != 0) return 0;
    return ntohs(address.sin_port);
}

static void report_connect(FILE* out, int fd, const struct sockaddr_in* address) {
    const int ret = connect(fd, (const struct sockaddr*)address, sizeof *address);
    const int err = ret == 0 ? 0 : errno;
    fprintf(out, "connect %d %llu %d %d\n", fd, (unsigned long long)(uintptr_t)address, ret, err);
}

int main(int argc, char** argv) {
    if (argc != 4) return 2;
    FILE* out = fopen(argv[1], "w");
    if (out == NULL) return 2;
    const long getpid_count = atol(argv[2]);
    fprintf(out, "pid %d\n", (int)counted_getpid());

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    const unsigned short port = bound_port(listener);
    if (port == 0 || listen(listener, 4) != 0) return 3;
    fprintf(out, "port %u\n", port);

    // A port that was just free: bound, then closed, so nothing listens there.
    const int probe = socket(AF_INET, SOCK_STREAM, 0);
    const unsigned short closed_port = bound_port(probe);
    close(probe);

    const struct sockaddr_in accepted = loopback(port);
    const struct sockaddr_in refused = loopback(closed_port);
    const struct sockaddr_in unused = loopback(port);
    report_connect(out, socket(AF_INET, SOCK_STREAM, 0), &accepted);
    report_connect(out, socket(AF_INET, SOCK_STREAM, 0), &refused);
    report_connect(out, 1000, &unused);  // not an open descriptor: EBADF

    for (long i = 0; i < getpid_count; ++i) counted_getpid();

    signal(SIGUSR1, on_usr1);
    kill(counted_getpid(), SIGUSR1);
    fprintf(out, "getpid %ld\n", getpid_calls);
    fprintf(out, "signal handled %d\n", (int)handled);
    fclose(out);
    return atoi(argv[3]);
}
