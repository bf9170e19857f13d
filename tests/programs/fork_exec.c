/* fork + exec: the parent listens; the child execs this same program (as "connect
   PORT"), which connects, writes "hello" and exits. The parent reports what it read and
   the child's exit status. */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <stdlib.h>
#include <sys/wait.h>

static int connect_and_send(unsigned short port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in target = loopback(port);
    int connected = connect(fd, (struct sockaddr *)&target, sizeof(target));
    ssize_t sent = write(fd, "hello", 5);
    FACT("child_pid=%d child_fd=%d child_connect=%d child_write=%zd", getpid(), fd, connected, sent);
    close(fd);
    return connected == 0 && sent == 5 ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "connect") == 0) return connect_and_send((unsigned short)atoi(argv[2]));

    int listener = loopback_listener(1);
    if (listener < 0) return 1;
    char port[16];
    snprintf(port, sizeof(port), "%u", local_port(listener));
    FACT("listen_port=%s", port);
    pid_t child = fork();
    if (child == 0) {
        execl("/proc/self/exe", argv[0], "connect", port, (char *)NULL);
        _exit(127);
    }
    FACT("forked=%d", child);
    int accepted = accept(listener, NULL, NULL);
    char buffer[8] = {0};
    ssize_t received = read(accepted, buffer, sizeof(buffer) - 1);
    FACT("read=%zd text=%s", received, buffer);
    int status = 0;
    waitpid(child, &status, 0);
    FACT("child_exit=%d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    close(accepted);
    close(listener);
    return 0;
}
