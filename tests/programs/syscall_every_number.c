// Makes every x86_64 system call number (0..334 and 424..469) with zero arguments, after
// a seccomp filter that makes each one but exit_group fail with ENOSYS, so none runs.
// Traced by strace with -e trace=%CLASS, it lists strace's members of that class.
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stddef.h>
int main(void) {
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 231, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 38),
    };
    struct sock_fprog p = {4, f};
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p);
    for (long n = 0; n < 470; n++) if (n != 231 && (n < 335 || n >= 424)) syscall(n, 0, 0, 0, 0, 0, 0);
    syscall(231, 0);
}
