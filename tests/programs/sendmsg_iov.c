/* sendmsg() with three iovecs over a loopback TCP connection; the receiver reads the
   nine bytes back in one recv. */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <sys/uio.h>

int main(void) {
    int listener = loopback_listener(1);
    if (listener < 0) return 1;
    int client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in target = loopback(local_port(listener));
    if (connect(client, (struct sockaddr *)&target, sizeof(target)) != 0) return 1;
    int server = accept(listener, NULL, NULL);
    FACT("client_fd=%d", client);
    FACT("server_fd=%d", server);
    FACT("server_port=%u", local_port(listener));
    FACT("client_port=%u", local_port(client));

    char first[] = "abc", second[] = "defg", third[] = "hi";
    struct iovec parts[3] = {{first, 3}, {second, 4}, {third, 2}};
    struct msghdr message = {.msg_iov = parts, .msg_iovlen = 3};
    ssize_t sent = sendmsg(client, &message, 0);
    FACT("sendmsg=%zd", sent);
    char buffer[32] = {0};
    ssize_t received = 0;
    while (received < sent) {
        ssize_t got = recv(server, buffer + received, sizeof(buffer) - 1 - (size_t)received, 0);
        if (got <= 0) break;
        received += got;
    }
    FACT("received=%zd", received);
    FACT("text=%s", buffer);
    close(server);
    close(client);
    close(listener);
    return 0;
}
