/* Known bytes through loopback UDP, for the payload carried by trace records: a sends b
   a 1000-byte binary datagram (byte i is (i * 7 + 3) mod 256, NULs and high bytes
   included), then the text "GET / HTTP/1.1\r\n". Each datagram's bytes are printed in hex
   so that a test compares the record with what was really sent. */
#include "program_util.h"

static int bound_udp(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = loopback(0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&any, sizeof(any)) != 0) return -1;
    return fd;
}

static void send_known(int from, int to, const unsigned char *bytes, size_t length, const char *label) {
    struct sockaddr_in target = loopback(local_port(to));
    ssize_t sent = sendto(from, bytes, length, 0, (struct sockaddr *)&target, sizeof(target));
    unsigned char buffer[2048];
    ssize_t received = recv(to, buffer, sizeof(buffer), 0);
    FACT("%s_sent=%zd", label, sent);
    FACT("%s_received=%zd", label, received);
    printf("%s_hex=", label);
    for (size_t i = 0; i < length; ++i) printf("%02x", bytes[i]);
    FACT("%s", "");
}

int main(void) {
    int a = bound_udp();
    int b = bound_udp();
    if (a < 0 || b < 0) return 1;
    FACT("a_fd=%d", a);
    FACT("b_fd=%d", b);
    unsigned char big[1000];
    for (size_t i = 0; i < sizeof(big); ++i) big[i] = (unsigned char)((i * 7 + 3) % 256);
    send_known(a, b, big, sizeof(big), "binary");
    const char *text = "GET / HTTP/1.1\r\n";
    send_known(a, b, (const unsigned char *)text, strlen(text), "text");
    close(a);
    close(b);
    return 0;
}
