/* Four threads connect to one listener at the same moment (a barrier releases them),
   each sends its number and closes; the main thread accepts and reads all four. */
#include "program_util.h"  /* first: it defines _GNU_SOURCE */

#include <pthread.h>

enum { kThreads = 4 };
static pthread_barrier_t start;
static unsigned short port;

static void *client(void *argument) {
    long index = (long)argument;
    pthread_barrier_wait(&start);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in target = loopback(port);
    int connected = connect(fd, (struct sockaddr *)&target, sizeof(target));
    char byte = (char)('0' + index);
    ssize_t sent = write(fd, &byte, 1);
    FACT("thread%ld_fd=%d thread%ld_connect=%d thread%ld_write=%zd", index, fd, index, connected, index, sent);
    close(fd);
    return NULL;
}

int main(void) {
    int listener = loopback_listener(kThreads);
    if (listener < 0) return 1;
    port = local_port(listener);
    FACT("listen_port=%u", port);
    pthread_barrier_init(&start, NULL, kThreads);
    pthread_t threads[kThreads];
    for (long i = 0; i < kThreads; ++i) pthread_create(&threads[i], NULL, client, (void *)i);
    int total = 0;
    for (int i = 0; i < kThreads; ++i) {
        int fd = accept(listener, NULL, NULL);
        char byte = 0;
        if (read(fd, &byte, 1) == 1) ++total;
        close(fd);
    }
    for (int i = 0; i < kThreads; ++i) pthread_join(threads[i], NULL);
    FACT("bytes_read=%d", total);
    close(listener);
    return 0;
}
