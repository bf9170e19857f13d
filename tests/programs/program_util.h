/* Shared by the trace test programs: loopback addresses and one fact per output line. */
#ifndef NETLENS_TEST_PROGRAM_UTIL_H
#define NETLENS_TEST_PROGRAM_UTIL_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The errno's name ("ECONNREFUSED"), or "0" when there was none. */
static inline const char *errno_name(int err) {
    if (err == 0) return "0";
    const char *name = strerrorname_np(err);
    return name ? name : "?";
}

static inline struct sockaddr_in loopback(unsigned short port) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

static inline unsigned short local_port(int fd) {
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0) return 0;
    return ntohs(address.sin_port);
}

/* A TCP listener on 127.0.0.1 with a kernel-chosen port; -1 on failure. */
static inline int loopback_listener(int backlog) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = loopback(0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(fd, backlog) != 0) return -1;
    return fd;
}

/* Each fact on its own line, flushed at once so that it interleaves with a tracer's
   output in the order it happened. */
#define FACT(...)                      \
    do {                               \
        printf(__VA_ARGS__);           \
        printf("\n");                  \
        fflush(stdout);                \
    } while (0)

#endif
