// Starting a command under ptrace. The child blocks on a pipe until the tracer has
// seized it, so not one of the command's calls happens untraced; then it installs the
// seccomp filter (when asked) and execs. Everything the child does between fork and exec
// is async-signal-safe: the path, the argv array and the filter are prepared before fork.
#pragma once

#include <signal.h>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/file_descriptor.h"
#include "trace/engine/seccomp_program.h"

namespace netlens::trace {

// execvp's search: a name with a slash is taken as is, others are looked up in $PATH
// (or /bin:/usr/bin). The executable file found, or an error naming the command.
Result<std::string> resolve_command(const std::string& name);

struct LaunchedCommand {
    int pid = 0;
    // Read end of a close-on-exec pipe: a successful exec closes it empty; a child that
    // failed writes what failed (see read_launch_failure) and exits 127.
    FileDescriptor failure_pipe;
};

struct LaunchRequest {
    std::vector<std::string> argv;
    const SeccompProgram* filter = nullptr;  // none: the command runs unfiltered
    unsigned long ptrace_options = 0;
    sigset_t child_mask{};  // the signal mask the command starts with
};

// Forks, seizes the child with ptrace_options, interrupts it (its first stop is a
// PTRACE_EVENT_STOP) and lets it go on to exec.
Result<LaunchedCommand> launch_traced(const LaunchRequest& request);

// After the child exited without exec: why, as an Error naming the command. nullopt
// when the pipe holds nothing (the exec succeeded, or the child died before trying).
std::optional<Error> read_launch_failure(int failure_pipe, const std::string& command);

}  // namespace netlens::trace
