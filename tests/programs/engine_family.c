// A process family for the engine's -f tests: the main process, a thread, a forked child
// and a vfork'ed child that execs this program again each make one refused connect().
// Every connect appends "connect PID TID RET" to the file, with the ids the kernel gave
// the caller, so a tracer's pids and tids can be checked against them.
// Usage: engine_family OUT_FILE              (the whole family)
//        engine_family OUT_FILE child        (one connect; what the vfork child execs)
//        engine_family OUT_FILE thread-exec  (a thread, not the leader, execs "child"
//                                             after writing "exec-thread PID TID")
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* out_path;

static void connect_once(void) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(9);  // discard: nothing listens on loopback here
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const int ret = connect(fd, (struct sockaddr*)&address, sizeof address);
    close(fd);
    char line[128];
    const int length = snprintf(line, sizeof line, "connect %d %d %d\n", (int)getpid(), (int)gettid(), ret);
    // One write per line with O_APPEND: lines of different processes never interleave.
    const int out = open(out_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (out >= 0) {
        if (write(out, line, (size_t)length) != length) _exit(4);
        close(out);
    }
}

static void* exec_from_thread(void* unused) {
    (void)unused;
    char line[128];
    const int length = snprintf(line, sizeof line, "exec-thread %d %d\n", (int)getpid(), (int)gettid());
    const int out = open(out_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (out < 0 || write(out, line, (size_t)length) != length) _exit(4);
    close(out);
    execl("/proc/self/exe", "engine_family", out_path, "child", (char*)NULL);
    _exit(5);
}

static void* thread_main(void* unused) {
    (void)unused;
    connect_once();
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    out_path = argv[1];
    if (argc == 3 && strcmp(argv[2], "thread-exec") == 0) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, exec_from_thread, NULL) != 0) return 3;
        pthread_join(thread, NULL);  // never returns: the exec ends this image
        return 7;
    }
    if (argc == 3) {
        connect_once();
        return 0;
    }
    connect_once();

    pthread_t thread;
    if (pthread_create(&thread, NULL, thread_main, NULL) != 0) return 3;
    pthread_join(thread, NULL);

    const pid_t forked = fork();
    if (forked == 0) {
        connect_once();
        _exit(0);
    }
    waitpid(forked, NULL, 0);

    const pid_t vforked = vfork();
    if (vforked == 0) {
        execl("/proc/self/exe", argv[0], out_path, "child", (char*)NULL);
        _exit(5);
    }
    int status = 0;
    waitpid(vforked, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 6;
}
