/* Two UDP sockets on loopback: "ping" goes one way with sendto, "pong" comes back,
   each read with recvfrom. */
#include "program_util.h"

static int bound_udp(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = loopback(0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&any, sizeof(any)) != 0) return -1;
    return fd;
}

static void exchange(int from, int to, const char *text, const char *label) {
    struct sockaddr_in target = loopback(local_port(to));
    ssize_t sent = sendto(from, text, strlen(text), 0, (struct sockaddr *)&target, sizeof(target));
    char buffer[64];
    struct sockaddr_in source;
    socklen_t length = sizeof(source);
    ssize_t received = recvfrom(to, buffer, sizeof(buffer), 0, (struct sockaddr *)&source, &length);
    FACT("%s_sent=%zd", label, sent);
    FACT("%s_received=%zd", label, received);
    FACT("%s_source_port=%u", label, ntohs(source.sin_port));
}

int main(void) {
    int a = bound_udp();
    int b = bound_udp();
    if (a < 0 || b < 0) return 1;
    FACT("a_fd=%d", a);
    FACT("a_port=%u", local_port(a));
    FACT("b_fd=%d", b);
    FACT("b_port=%u", local_port(b));
    exchange(a, b, "ping", "ping");
    exchange(b, a, "pong", "pong");
    close(a);
    close(b);
    return 0;
}
