#include "trace/decode/errno_text.h"

#include <cstring>
#include <string_view>

namespace netlens::trace {
namespace {

// Codes the kernel uses inside a call interrupted by a signal; strerror has no text for them.
struct RestartCode {
    int number;
    std::string_view name;
    std::string_view text;
};
constexpr RestartCode kRestartCodes[] = {
    {512, "ERESTARTSYS", "To be restarted if SA_RESTART is set"},
    {513, "ERESTARTNOINTR", "To be restarted"},
    {514, "ERESTARTNOHAND", "To be restarted if no handler"},
    {516, "ERESTART_RESTARTBLOCK", "Interrupted by signal"},
};

const RestartCode* restart_code(int err) {
    for (const RestartCode& code : kRestartCodes)
        if (code.number == err) return &code;
    return nullptr;
}

}  // namespace

std::string errno_name(int err) {
    if (const RestartCode* code = restart_code(err)) return std::string(code->name);
    if (const char* name = strerrorname_np(err)) return name;
    return "ERRNO_" + std::to_string(err);
}

std::string failure_result_text(int err) {
    if (const RestartCode* code = restart_code(err))
        return "? " + std::string(code->name) + " (" + std::string(code->text) + ")";
    return "-1 " + errno_name(err) + " (" + std::strerror(err) + ")";
}

}  // namespace netlens::trace
