/* Sockets in a network namespace of their own: the program unshares one (root only),
   brings its loopback up, and makes a loopback TCP connection and a unix socketpair
   there. Without the privilege it prints unshare=EPERM and exits 77 (skip). */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

static int loopback_up(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    int result = ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags |= IFF_UP;
        result = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
    return result;
}

int main(void) {
    if (unshare(CLONE_NEWNET) != 0) {
        FACT("unshare=%s", errno_name(errno));
        return 77;
    }
    struct stat namespace_file;
    if (stat("/proc/self/ns/net", &namespace_file) != 0 || loopback_up() != 0) return 1;
    FACT("netns_inode=%lu", (unsigned long)namespace_file.st_ino);

    int listener = loopback_listener(1);
    int client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in target = loopback(local_port(listener));
    int connected = connect(client, (struct sockaddr *)&target, sizeof(target));
    int accepted = accept(listener, NULL, NULL);
    FACT("listener_fd=%d client_fd=%d accepted_fd=%d", listener, client, accepted);
    FACT("listen_port=%u client_port=%u connect=%d", local_port(listener), local_port(client), connected);
    ssize_t sent = write(client, "hi", 2);
    FACT("write=%zd", sent);

    int pair[2];
    int paired = socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    FACT("socketpair=%d pair_fds=%d,%d", paired, pair[0], pair[1]);
    ssize_t pair_sent = write(pair[0], "abc", 3);
    FACT("pair_write=%zd", pair_sent);
    return 0;
}
