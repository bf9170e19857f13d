/* Non-blocking connects: one to a listener (EINPROGRESS, then poll says writable and
   SO_ERROR is 0) and one to a closed port (SO_ERROR is ECONNREFUSED). */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <fcntl.h>
#include <poll.h>

static void connect_and_wait(const char *label, unsigned short port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in target = loopback(port);
    int result = connect(fd, (struct sockaddr *)&target, sizeof(target));
    int err = result == 0 ? 0 : errno;
    FACT("%s_fd=%d", label, fd);
    FACT("%s_connect=%d", label, result);
    FACT("%s_connect_errno=%s", label, errno_name(err));
    struct pollfd wanted = {.fd = fd, .events = POLLOUT};
    int ready = poll(&wanted, 1, 5000);
    FACT("%s_poll=%d", label, ready);
    int so_error = 0;
    socklen_t length = sizeof(so_error);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length);
    FACT("%s_so_error=%s", label, errno_name(so_error));
    close(fd);
}

int main(void) {
    int listener = loopback_listener(4);
    if (listener < 0) return 1;
    unsigned short open_port = local_port(listener);
    FACT("listen_port=%u", open_port);
    connect_and_wait("open", open_port);

    int probe = loopback_listener(1);
    unsigned short closed_port = local_port(probe);
    close(probe);
    FACT("closed_port=%u", closed_port);
    connect_and_wait("closed", closed_port);
    close(listener);
    return 0;
}
