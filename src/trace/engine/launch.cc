#include "trace/engine/launch.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>

namespace netlens::trace {

namespace {

// What the child reports through the failure pipe before it exits.
struct LaunchFailure {
    enum Stage : int { seccomp = 1, exec = 2 };
    int stage = 0;
    int err = 0;
};

Error cannot_run(const std::string& command, int err) {
    return {ExitCode::failure, "cannot run '" + command + "': " + errno_text(err)};
}

bool is_executable_file(const std::string& path) {
    struct stat status {};
    return stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode) && access(path.c_str(), X_OK) == 0;
}

// The child's side, between fork and exec: async-signal-safe calls only.
[[noreturn]] void run_child(const LaunchRequest& request, const char* path, char* const* argv, pid_t tracer,
                            int go_pipe, int failure_pipe) {
    // A tracer that dies before seizing must not leave the command running untraced.
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != tracer) _exit(127);
    char go = 0;
    ssize_t got;
    while ((got = read(go_pipe, &go, 1)) < 0 && errno == EINTR) {
    }
    if (got != 1) _exit(127);  // the tracer gave up on us
    sigprocmask(SIG_SETMASK, &request.child_mask, nullptr);
    LaunchFailure failure;
    if (request.filter != nullptr) {
        if (const int err = install_seccomp_program(*request.filter); err != 0) {
            failure = {LaunchFailure::seccomp, err};
            [[maybe_unused]] const ssize_t written = write(failure_pipe, &failure, sizeof failure);
            _exit(127);
        }
    }
    execv(path, argv);
    failure = {LaunchFailure::exec, errno};
    [[maybe_unused]] const ssize_t written = write(failure_pipe, &failure, sizeof failure);
    _exit(127);
}

}  // namespace

Result<std::string> resolve_command(const std::string& name) {
    if (name.empty()) return cannot_run(name, ENOENT);
    if (name.find('/') != std::string::npos) {
        struct stat status {};
        if (stat(name.c_str(), &status) != 0) return cannot_run(name, errno);
        if (!S_ISREG(status.st_mode) || access(name.c_str(), X_OK) != 0) return cannot_run(name, EACCES);
        return name;
    }
    const char* path_variable = std::getenv("PATH");
    const std::string_view search = path_variable != nullptr ? path_variable : "/bin:/usr/bin";
    size_t start = 0;
    while (start <= search.size()) {
        const size_t end = std::min(search.find(':', start), search.size());
        const std::string_view directory = search.substr(start, end - start);
        // An empty PATH entry means the current directory, as for execvp.
        const std::string candidate = (directory.empty() ? std::string(".") : std::string(directory)) + "/" + name;
        if (is_executable_file(candidate)) return candidate;
        start = end + 1;
    }
    return cannot_run(name, ENOENT);
}

Result<LaunchedCommand> launch_traced(const LaunchRequest& request) {
    if (request.argv.empty()) return Error{ExitCode::usage, "no command to run"};
    auto path = resolve_command(request.argv.front());
    if (!path) return path.error();
    std::vector<char*> argv;
    argv.reserve(request.argv.size() + 1);
    for (const auto& argument : request.argv) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);

    int go[2];
    int failure[2];
    if (pipe2(go, O_CLOEXEC) != 0) return Error{ExitCode::failure, "pipe: " + errno_text(errno)};
    FileDescriptor go_read(go[0]), go_write(go[1]);
    if (pipe2(failure, O_CLOEXEC) != 0) return Error{ExitCode::failure, "pipe: " + errno_text(errno)};
    FileDescriptor failure_read(failure[0]), failure_write(failure[1]);
    // Read after the child is gone, which must not block should a copy of the write end
    // live on in another process forked meanwhile.
    fcntl(failure_read.get(), F_SETFL, O_NONBLOCK);

    const pid_t tracer = getpid();
    const pid_t child = fork();
    if (child < 0) return Error{ExitCode::failure, "fork: " + errno_text(errno)};
    if (child == 0) run_child(request, path->c_str(), argv.data(), tracer, go_read.get(), failure_write.get());

    go_read.reset();
    failure_write.reset();
    if (ptrace(PTRACE_SEIZE, child, nullptr, request.ptrace_options) != 0 ||
        ptrace(PTRACE_INTERRUPT, child, nullptr, nullptr) != 0) {
        const int err = errno;
        kill(child, SIGKILL);
        waitpid(child, nullptr, __WALL);
        return Error{err == EPERM ? ExitCode::permission : ExitCode::failure,
                     "trace '" + request.argv.front() + "': ptrace(PTRACE_SEIZE): " + errno_text(err)};
    }
    const char go_signal = 1;
    if (write(go_write.get(), &go_signal, 1) != 1) {
        const int err = errno;
        kill(child, SIGKILL);
        waitpid(child, nullptr, __WALL);
        return Error{ExitCode::failure, "start '" + request.argv.front() + "': " + errno_text(err)};
    }
    return LaunchedCommand{child, std::move(failure_read)};
}

std::optional<Error> read_launch_failure(int failure_pipe, const std::string& command) {
    LaunchFailure failure;
    ssize_t got;
    while ((got = read(failure_pipe, &failure, sizeof failure)) < 0 && errno == EINTR) {
    }
    if (got != static_cast<ssize_t>(sizeof failure)) return std::nullopt;
    if (failure.stage == LaunchFailure::seccomp)
        return Error{ExitCode::failure,
                     "cannot install the seccomp filter for '" + command + "': " + errno_text(failure.err)};
    return cannot_run(command, failure.err);
}

}  // namespace netlens::trace
