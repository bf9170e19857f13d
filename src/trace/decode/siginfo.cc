#include "trace/decode/siginfo.h"

#include <string.h>
#include <time.h>

#include <array>
#include <utility>

#include "trace/clock.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {

namespace {

using CodeName = std::pair<int, const char*>;

// si_code values any signal may carry (who sent it), then those of SIGCHLD and the faults.
constexpr std::array<CodeName, 8> kSenderCodes = {{{SI_USER, "SI_USER"},
                                                   {SI_KERNEL, "SI_KERNEL"},
                                                   {SI_QUEUE, "SI_QUEUE"},
                                                   {SI_TIMER, "SI_TIMER"},
                                                   {SI_MESGQ, "SI_MESGQ"},
                                                   {SI_ASYNCIO, "SI_ASYNCIO"},
                                                   {SI_SIGIO, "SI_SIGIO"},
                                                   {SI_TKILL, "SI_TKILL"}}};
constexpr std::array<CodeName, 6> kChildCodes = {{{CLD_EXITED, "CLD_EXITED"},
                                                  {CLD_KILLED, "CLD_KILLED"},
                                                  {CLD_DUMPED, "CLD_DUMPED"},
                                                  {CLD_TRAPPED, "CLD_TRAPPED"},
                                                  {CLD_STOPPED, "CLD_STOPPED"},
                                                  {CLD_CONTINUED, "CLD_CONTINUED"}}};
constexpr std::array<CodeName, 2> kSegvCodes = {{{SEGV_MAPERR, "SEGV_MAPERR"}, {SEGV_ACCERR, "SEGV_ACCERR"}}};
constexpr std::array<CodeName, 3> kBusCodes = {{{BUS_ADRALN, "BUS_ADRALN"}, {BUS_ADRERR, "BUS_ADRERR"},
                                                {BUS_OBJERR, "BUS_OBJERR"}}};

template <size_t N>
const char* find_code(const std::array<CodeName, N>& table, int code) {
    for (const auto& [value, name] : table) {
        if (value == code) return name;
    }
    return nullptr;
}

const char* code_name(int signal, int code) {
    if (code <= 0) return find_code(kSenderCodes, code);  // sent by a process or the kernel
    if (code == SI_KERNEL) return "SI_KERNEL";
    switch (signal) {
        case SIGCHLD:
            return find_code(kChildCodes, code);
        case SIGSEGV:
            return find_code(kSegvCodes, code);
        case SIGBUS:
            return find_code(kBusCodes, code);
        default:
            return nullptr;
    }
}

Value signal_value(int signal) { return leaf(signal_name(signal), signal_name(signal)); }

bool is_fault(int signal) { return signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE; }

}  // namespace

std::string signal_name(int signal) {
    if (signal == SIGRTMIN) return "SIGRTMIN";
    if (signal > SIGRTMIN && signal <= SIGRTMAX) return "SIGRT_" + std::to_string(signal - SIGRTMIN);
    if (const char* name = sigabbrev_np(signal)) return std::string("SIG") + name;
    return "SIG" + std::to_string(signal);
}

Value siginfo_value(const siginfo_t& info) {
    std::vector<Value> fields;
    fields.push_back(named("si_signo", signal_value(info.si_signo)));
    const char* code = code_name(info.si_signo, info.si_code);
    fields.push_back(named("si_code", code != nullptr ? leaf(code, code) : signed_value(info.si_code)));
    if (info.si_code <= 0 && info.si_code != SI_KERNEL && info.si_code != SI_TIMER) {
        // Sent by a process: who sent it, and what it queued with it.
        fields.push_back(named("si_pid", signed_value(info.si_pid)));
        fields.push_back(named("si_uid", unsigned_value(info.si_uid)));
        if (info.si_code == SI_QUEUE) {
            fields.push_back(named("si_int", signed_value(info.si_value.sival_int)));
            fields.push_back(named("si_ptr", pointer_value(reinterpret_cast<uint64_t>(info.si_value.sival_ptr))));
        }
    } else if (info.si_signo == SIGCHLD && code != nullptr) {
        fields.push_back(named("si_pid", signed_value(info.si_pid)));
        fields.push_back(named("si_uid", unsigned_value(info.si_uid)));
        // An exit code, or the signal that killed, stopped or continued the child.
        fields.push_back(named("si_status", info.si_code == CLD_EXITED ? signed_value(info.si_status)
                                                                       : signal_value(info.si_status)));
        fields.push_back(named("si_utime", signed_value(info.si_utime)));
        fields.push_back(named("si_stime", signed_value(info.si_stime)));
    } else if (is_fault(info.si_signo) && info.si_code > 0) {
        fields.push_back(named("si_addr", pointer_value(reinterpret_cast<uint64_t>(info.si_addr))));
    }
    return structure(std::move(fields));
}

namespace {

SignalDelivery stamped(int pid, int tid, int signal) {
    SignalDelivery delivery;
    delivery.pid = pid;
    delivery.tid = tid;
    delivery.signal = signal_name(signal);
    delivery.at_us = wall_micros();
    delivery.monotonic_ns = monotonic_ns();
    return delivery;
}

}  // namespace

SignalDelivery signal_delivery(int pid, int tid, const siginfo_t& info) {
    SignalDelivery delivery = stamped(pid, tid, info.si_signo);
    delivery.siginfo = siginfo_value(info);
    return delivery;
}

SignalDelivery group_stop(int pid, int tid, int signal) {
    SignalDelivery delivery = stamped(pid, tid, signal);
    delivery.stopped = true;
    return delivery;
}

}  // namespace netlens::trace
