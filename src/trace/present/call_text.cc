#include "trace/present/call_text.h"

#include <ctime>

#include <fmt/format.h>

#include "trace/present/value_text.h"

namespace netlens::trace {

namespace {

// strace pads a call to column 40 before " = ", counting the whole line so far.
constexpr size_t kResultColumn = 39;

void append_arguments(std::string& line, const CallRecord& record, size_t from, size_t to) {
    for (size_t i = from; i < to && i < record.args.size(); ++i) {
        if (i > from) line += ", ";
        append_value_text(line, record.args[i]);
    }
}

std::string clock_text(TimestampStyle style, WallMicros at_us) {
    const auto seconds = static_cast<time_t>(at_us / 1'000'000);
    const auto micros = static_cast<long>(at_us % 1'000'000);
    if (style == TimestampStyle::epoch) return fmt::format("{}.{:06} ", seconds, micros);
    tm local{};
    localtime_r(&seconds, &local);
    char hms[16];
    strftime(hms, sizeof(hms), "%H:%M:%S", &local);
    if (style == TimestampStyle::seconds) return std::string(hms) + " ";
    return fmt::format("{}.{:06} ", hms, micros);
}

std::string seconds_text(uint64_t nanoseconds) {
    return fmt::format("{}.{:06}", nanoseconds / 1'000'000'000, nanoseconds % 1'000'000'000 / 1000);
}

}  // namespace

std::string CallTextPrinter::leader(int tid, WallMicros at_us, uint64_t monotonic_ns, bool several) {
    std::string line;
    if (several && options_.pid_prefix == PidPrefix::bracketed) line += fmt::format("[pid {:5}] ", tid);
    // strace -f -o FILE writes the pid before every line, however many tasks are traced.
    if (options_.pid_prefix == PidPrefix::column) line += fmt::format("{:<5} ", tid);
    if (options_.timestamps != TimestampStyle::none) line += clock_text(options_.timestamps, at_us);
    if (options_.relative) {
        const uint64_t since = previous_ns_ && monotonic_ns > *previous_ns_ ? monotonic_ns - *previous_ns_ : 0;
        line += fmt::format("{:>6}.{:06} ", since / 1'000'000'000, since % 1'000'000'000 / 1000);
        previous_ns_ = monotonic_ns;
    }
    return line;
}

void CallTextPrinter::append_result(std::string& line, const CallRecord& record) const {
    if (line.size() < kResultColumn) line.append(kResultColumn - line.size(), ' ');
    line += " = ";
    if (!record.exit) {
        line += '?';
        return;
    }
    append_value_text(line, record.result);
    if (options_.durations) {
        const uint64_t entered = record.entry.monotonic_entered_ns;
        const uint64_t exited = record.exit->monotonic_exited_ns;
        line += " <" + seconds_text(exited > entered ? exited - entered : 0) + ">";
    }
}

std::string CallTextPrinter::call(const CallRecord& record, bool several) {
    std::string line = leader(record.entry.tid, record.entry.entered_us, record.entry.monotonic_entered_ns, several);
    line += record.name;
    line += '(';
    append_arguments(line, record, 0, record.args.size());
    line += ')';
    append_result(line, record);
    return line;
}

std::string CallTextPrinter::unfinished(const CallRecord& record, size_t entry_args, bool several) {
    std::string line = leader(record.entry.tid, record.entry.entered_us, record.entry.monotonic_entered_ns, several);
    line += record.name;
    line += '(';
    append_arguments(line, record, 0, entry_args);
    // strace ends the entry part with the separator of the arguments still to come.
    if (entry_args > 0 && entry_args < record.args.size()) line += ", ";
    line += " <unfinished ...>";
    return line;
}

std::string CallTextPrinter::resumed(const CallRecord& record, size_t entry_args, bool several) {
    const WallMicros at_us = record.exit ? record.exit->exited_us : record.entry.entered_us;
    const uint64_t at_ns = record.exit ? record.exit->monotonic_exited_ns : record.entry.monotonic_entered_ns;
    std::string line = leader(record.entry.tid, at_us, at_ns, several);
    line += "<... " + record.name + " resumed>";
    append_arguments(line, record, entry_args, record.args.size());
    line += ')';
    append_result(line, record);
    return line;
}

std::string CallTextPrinter::unreturned(const CallRecord& record, size_t entry_args, bool announced, bool several) {
    std::string line = leader(record.entry.tid, record.entry.entered_us, record.entry.monotonic_entered_ns, several);
    if (announced) {
        line += "<... " + record.name + " resumed>";
    } else {
        line += record.name;
        line += '(';
        append_arguments(line, record, 0, entry_args);
        if (entry_args > 0 && entry_args < record.args.size()) line += ", ";
    }
    if (entry_args < record.args.size()) line += " <unfinished ...>";
    line += ')';
    append_result(line, record);
    return line;
}

std::string CallTextPrinter::signal(const SignalDelivery& delivery, bool several) {
    std::string line = leader(delivery.tid, delivery.at_us, delivery.monotonic_ns, several);
    if (delivery.stopped) return line + "--- stopped by " + delivery.signal + " ---";
    line += "--- " + delivery.signal + " ";
    if (delivery.siginfo) line += value_text(*delivery.siginfo) + " ";
    line += "---";
    return line;
}

std::string CallTextPrinter::exit(const TraceeExit& exit, bool several) {
    std::string line = leader(exit.tid, exit.at_us, exit.monotonic_ns, several);
    if (exit.killed) {
        line += "+++ killed by " + exit.signal + (exit.core_dumped ? " (core dumped)" : "") + " +++";
    } else {
        line += "+++ exited with " + std::to_string(exit.status) + " +++";
    }
    return line;
}

}  // namespace netlens::trace
