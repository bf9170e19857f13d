/* Unix stream sockets three ways: a socketpair, a server bound to a path in a fresh
   temporary directory, and a server bound to an abstract name. Each carries a few bytes. */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <stddef.h>
#include <stdlib.h>
#include <sys/un.h>

static void serve(const char *label, struct sockaddr_un *address, socklen_t length) {
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr *)address, length) != 0 || listen(listener, 1) != 0) {
        FACT("%s_error=%s", label, errno_name(errno));
        return;
    }
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    int connected = connect(client, (struct sockaddr *)address, length);
    int accepted = accept(listener, NULL, NULL);
    ssize_t sent = write(client, "hi", 2);
    char buffer[4] = {0};
    ssize_t received = read(accepted, buffer, sizeof(buffer) - 1);
    FACT("%s_listener_fd=%d client_fd=%d accepted_fd=%d", label, listener, client, accepted);
    FACT("%s_connect=%d %s_write=%zd %s_read=%zd", label, connected, label, sent, label, received);
    close(accepted);
    close(client);
    close(listener);
}

int main(void) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 1;
    ssize_t sent = write(pair[0], "abc", 3);
    char buffer[4] = {0};
    ssize_t received = read(pair[1], buffer, sizeof(buffer) - 1);
    FACT("pair_fds=%d,%d pair_write=%zd pair_read=%zd", pair[0], pair[1], sent, received);
    close(pair[0]);
    close(pair[1]);

    char directory[] = "/tmp/netlens-unix-pair-XXXXXX";
    if (mkdtemp(directory) == NULL) return 1;
    struct sockaddr_un path = {.sun_family = AF_UNIX};
    snprintf(path.sun_path, sizeof(path.sun_path), "%s/server.sock", directory);
    FACT("path=%s", path.sun_path);
    serve("path", &path, sizeof(path));
    unlink(path.sun_path);
    rmdir(directory);

    struct sockaddr_un abstract = {.sun_family = AF_UNIX};
    int name_length = snprintf(abstract.sun_path + 1, sizeof(abstract.sun_path) - 1, "netlens-unix-pair-%d", getpid());
    FACT("abstract=@%s", abstract.sun_path + 1);
    serve("abstract", &abstract, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)name_length));
    return 0;
}
