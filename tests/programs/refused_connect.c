/* connect() to a loopback port nobody listens on: ECONNREFUSED. The port is found by
   binding a socket to port 0 and closing it. */
#include "program_util.h"

int main(void) {
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = loopback(0);
    if (bind(probe, (struct sockaddr *)&any, sizeof(any)) != 0) return 1;
    unsigned short port = local_port(probe);
    close(probe);

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    FACT("socket_fd=%d", fd);
    FACT("port=%u", port);
    struct sockaddr_in target = loopback(port);
    int result = connect(fd, (struct sockaddr *)&target, sizeof(target));
    int err = result == 0 ? 0 : errno;
    FACT("connect=%d", result);
    FACT("errno=%s", errno_name(err));
    close(fd);
    return 0;
}
