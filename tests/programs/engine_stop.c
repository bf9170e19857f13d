// A process that stops itself (SIGSTOP) and, once continued by someone else, writes
// "continued" and exits 0: under a tracer the group-stop must hold until SIGCONT, and
// neither signal may be lost.
// Usage: engine_stop OUT_FILE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    kill(getpid(), SIGSTOP);
    FILE* out = fopen(argv[1], "w");
    if (out == NULL) return 2;
    fprintf(out, "continued\n");
    fclose(out);
    return 0;
}
