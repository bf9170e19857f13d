// The seccomp-bpf filter a launched command runs under: every call is allowed except the
// traced ones, which stop the task in PTRACE_EVENT_SECCOMP. The filter is compiled by
// libseccomp in the tracer before fork, so the forked child (which may only make
// async-signal-safe calls) just hands the finished program to the kernel.
#pragma once

#include <linux/filter.h>

#include <span>
#include <vector>

#include "core/error.h"

namespace netlens::trace {

struct SeccompProgram {
    std::vector<sock_filter> instructions;
};

// SCMP_ACT_ALLOW by default, SCMP_ACT_TRACE(0) for each number. Calls of another ABI
// (i386 through int 0x80, x32) are allowed untraced: the engine reports x86_64 calls only.
Result<SeccompProgram> compile_trace_filter(std::span<const long> traced_syscalls);

// Sets PR_SET_NO_NEW_PRIVS (a filter without CAP_SYS_ADMIN needs it) and installs the
// program on the calling thread. Async-signal-safe. Returns 0 or the errno that refused it.
int install_seccomp_program(const SeccompProgram& program);

}  // namespace netlens::trace
