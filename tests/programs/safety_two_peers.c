/* Two TCP conversations on loopback at ports the caller chooses, for peer and port
   filters: a listener on 127.0.0.1:PORT_A and one on 127.0.0.1:PORT_B, a client connects
   to each and writes "to-A" / "to-B", the accepted socket reads it. Every fd is printed.
   Usage: safety_two_peers PORT_A PORT_B */
#include "program_util.h"

#include <stdlib.h>

static void conversation(unsigned short port, const char *label, const char *text) {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in address = loopback(port);
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(listener, 4) != 0) {
        FACT("%s_listen=failed", label);
        return;
    }
    int client = socket(AF_INET, SOCK_STREAM, 0);
    int connected = connect(client, (struct sockaddr *)&address, sizeof(address));
    int accepted = accept(listener, NULL, NULL);
    ssize_t sent = write(client, text, strlen(text));
    char buffer[16] = {0};
    ssize_t received = read(accepted, buffer, sizeof(buffer) - 1);
    FACT("%s_listener_fd=%d", label, listener);
    FACT("%s_client_fd=%d", label, client);
    FACT("%s_client_port=%u", label, local_port(client));
    FACT("%s_connect=%d", label, connected);
    FACT("%s_accepted_fd=%d", label, accepted);
    FACT("%s_write=%zd", label, sent);
    FACT("%s_read=%zd", label, received);
    close(accepted);
    close(client);
    close(listener);
}

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    conversation((unsigned short)atoi(argv[1]), "a", "to-A");
    conversation((unsigned short)atoi(argv[2]), "b", "to-B");
    return 0;
}
