#include "trace/engine/seccomp_program.h"

#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>

#include "core/file_descriptor.h"

namespace netlens::trace {

namespace {

using FilterContext = std::unique_ptr<void, void (*)(scmp_filter_ctx)>;

Error filter_error(const std::string& what, int err) {
    return {ExitCode::failure, "seccomp filter: " + what + ": " + errno_text(err)};
}

// libseccomp 2.5 exports a program only to a file descriptor; a memfd holds it in memory.
Result<SeccompProgram> export_program(scmp_filter_ctx context) {
    const FileDescriptor memory(memfd_create("netlens-seccomp", MFD_CLOEXEC));
    if (!memory.valid()) return filter_error("memfd_create", errno);
    if (const int rc = seccomp_export_bpf(context, memory.get()); rc < 0) return filter_error("export", -rc);
    struct stat status {};
    if (fstat(memory.get(), &status) != 0) return filter_error("fstat", errno);
    const auto size = static_cast<size_t>(status.st_size);
    if (size == 0 || size % sizeof(sock_filter) != 0 || size / sizeof(sock_filter) > BPF_MAXINSNS)
        return Error{ExitCode::failure, "seccomp filter: exported program has " + std::to_string(size) + " bytes"};
    SeccompProgram program;
    program.instructions.resize(size / sizeof(sock_filter));
    if (pread(memory.get(), program.instructions.data(), size, 0) != static_cast<ssize_t>(size))
        return filter_error("read back", errno);
    return program;
}

}  // namespace

Result<SeccompProgram> compile_trace_filter(std::span<const long> traced_syscalls) {
    const FilterContext context(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
    if (!context) return Error{ExitCode::failure, "seccomp filter: seccomp_init failed"};
    if (const int rc = seccomp_attr_set(context.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW); rc < 0)
        return filter_error("allow other ABIs", -rc);
    for (const long number : traced_syscalls) {
        if (number < 0 || number > 0xffff)
            return Error{ExitCode::failure,
                         "seccomp filter: syscall number " + std::to_string(number) + " out of range"};
        if (const int rc = seccomp_rule_add(context.get(), SCMP_ACT_TRACE(0), static_cast<int>(number), 0); rc < 0)
            return filter_error("syscall " + std::to_string(number), -rc);
    }
    return export_program(context.get());
}

int install_seccomp_program(const SeccompProgram& program) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    sock_fprog filter{static_cast<unsigned short>(program.instructions.size()),
                      const_cast<sock_filter*>(program.instructions.data())};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter) != 0) return errno;
    return 0;
}

}  // namespace netlens::trace
