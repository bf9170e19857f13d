/* An accept4 server and its client in one process: the client's connect completes into
   the listen backlog, then accept4(SOCK_CLOEXEC) takes it and learns the client's port. */
#include "program_util.h"

int main(void) {
    int listener = loopback_listener(4);
    if (listener < 0) return 1;
    FACT("listener_fd=%d", listener);
    FACT("listen_port=%u", local_port(listener));
    int client = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in target = loopback(local_port(listener));
    int connected = connect(client, (struct sockaddr *)&target, sizeof(target));
    FACT("client_fd=%d", client);
    FACT("connect=%d", connected);
    FACT("client_port=%u", local_port(client));

    struct sockaddr_in peer;
    socklen_t length = sizeof(peer);
    int accepted = accept4(listener, (struct sockaddr *)&peer, &length, SOCK_CLOEXEC);
    FACT("accept4=%d", accepted);
    FACT("peer_port=%u", ntohs(peer.sin_port));
    ssize_t sent = write(client, "hello", 5);
    char buffer[8] = {0};
    ssize_t received = read(accepted, buffer, sizeof(buffer) - 1);
    FACT("write=%zd", sent);
    FACT("read=%zd", received);
    close(accepted);
    close(client);
    close(listener);
    return 0;
}
