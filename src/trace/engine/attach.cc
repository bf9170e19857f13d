#include "trace/engine/attach.h"

#include <sys/ptrace.h>

#include <cerrno>
#include <string>
#include <string_view>

#include "proc/file_text.h"
#include "proc/numeric_name.h"

namespace netlens::trace {

namespace {

Error attach_error(int pid, int err) {
    return {err == EPERM ? ExitCode::permission : ExitCode::failure,
            "attach to process " + std::to_string(pid) + ": " + errno_text(err)};
}

}  // namespace

std::optional<Error> seize_process(int pid, unsigned long ptrace_options, TaskTable& tasks) {
    if (pid <= 0) return attach_error(pid, ESRCH);
    const std::string task_directory = "/proc/" + std::to_string(pid) + "/task/";
    bool seized_any = false;
    bool seized_new = true;
    while (seized_new) {
        seized_new = false;
        const proc::FileText listing = proc::read_file_text(task_directory);
        if (listing.err != 0) {
            if (seized_any) break;  // the process exited while we attached: its exit will tell
            return attach_error(pid, listing.err == ENOENT ? ESRCH : listing.err);
        }
        std::string_view names = listing.text;
        while (!names.empty()) {
            const size_t end = names.find('\n');
            const auto tid = proc::parse_numeric_name(names.substr(0, end));
            names = end == std::string_view::npos ? std::string_view{} : names.substr(end + 1);
            if (!tid) continue;
            if (tasks.find(*tid) != nullptr) {  // the same process named twice, or seen before
                seized_any = true;
                continue;
            }
            if (ptrace(PTRACE_SEIZE, *tid, nullptr, ptrace_options) != 0) {
                if (errno == ESRCH) continue;  // the thread exited after the listing
                return attach_error(pid, errno);
            }
            tasks.add(*tid, pid);
            ptrace(PTRACE_INTERRUPT, *tid, nullptr, nullptr);
            seized_any = seized_new = true;
        }
    }
    if (!seized_any) return attach_error(pid, ESRCH);
    return std::nullopt;
}

}  // namespace netlens::trace
