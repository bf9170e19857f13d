// A refused non-blocking connect read back through SO_ERROR, and accepts that find no
// connection. Under `strace -e trace=getsockopt,accept,accept4,poll` (strace 6.1) it prints
// the lines tests/unit/trace_decode_socket_test.cc expects for these calls.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

int main(void) {
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(0x7f000001)};
    connect(c, (void*)&a, sizeof a);
    struct pollfd p = {c, POLLOUT, 0};
    poll(&p, 1, 1000);
    int e;
    socklen_t l = sizeof e;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &l);
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    listen(s, 1);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    accept(s, (void*)&ss, &sl);
    accept4(s, (void*)&ss, &sl, 0);
    return 0;
}
