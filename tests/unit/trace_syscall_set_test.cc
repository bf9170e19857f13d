// The syscall table against the kernel's numbers (<sys/syscall.h>) and strace's classes
// (strace itself, run on tests/programs/syscall_every_number); the -e trace= and
// -e status= grammars against strace's behaviour for the same expressions.
#include <sys/syscall.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "trace/syscalls/syscall_table.h"
#include "trace/syscalls/trace_set.h"

namespace netlens::trace {
namespace {

TEST(TraceSyscallTable, NumbersAreTheKernels) {
    EXPECT_EQ(syscall_number("socket"), SYS_socket);
    EXPECT_EQ(syscall_number("connect"), SYS_connect);
    EXPECT_EQ(syscall_number("accept4"), SYS_accept4);
    EXPECT_EQ(syscall_number("recvmmsg"), SYS_recvmmsg);
    EXPECT_EQ(syscall_number("pselect6"), SYS_pselect6);
    EXPECT_EQ(syscall_number("epoll_pwait2"), SYS_epoll_pwait2);
    EXPECT_EQ(syscall_number("exit_group"), SYS_exit_group);
    EXPECT_EQ(syscall_number("no_such_call"), std::nullopt);
    for (const SyscallSpec& spec : all_syscalls()) {
        ASSERT_EQ(syscall_spec(spec.number), &spec);
        EXPECT_LE(spec.arg_count, 6);
    }
    EXPECT_EQ(syscall_spec(400), nullptr);
    EXPECT_EQ(syscall_spec(-1), nullptr);
}

// strace's own list of a class: the calls it shows of a program that makes every number.
std::set<std::string> strace_class(const std::string& class_name) {
    const std::string program = std::string(NETLENS_PROGRAMS_DIR) + "/syscall_every_number";
    const std::string output = ::testing::TempDir() + "strace_class.txt";
    const std::string command = "strace -qq -e trace=" + class_name + " -o " + output + " " + program + " 2>/dev/null";
    std::set<std::string> names;
    if (std::system(command.c_str()) != 0) return names;
    std::ifstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        const size_t paren = line.find('(');
        // strace shows numbers it has no name for under every class; they are not members.
        if (paren != std::string::npos && line.rfind("---", 0) != 0 && line.rfind("syscall_0x", 0) != 0)
            names.insert(line.substr(0, paren));
    }
    return names;
}

TEST(TraceSyscallTable, ClassesAreStraces) {
    if (std::system("strace -V >/dev/null 2>&1") != 0) GTEST_SKIP() << "strace is not installed";
    const std::pair<const char*, uint32_t> classes[] = {
        {"%network", syscall_class::kNetwork}, {"%desc", syscall_class::kDesc},
        {"%file", syscall_class::kFile},       {"%process", syscall_class::kProcess},
        {"%signal", syscall_class::kSignal},   {"%ipc", syscall_class::kIpc},
        {"%memory", syscall_class::kMemory},
    };
    for (const auto& [name, bits] : classes) {
        const std::set<std::string> expected = strace_class(name);
        if (expected.empty()) GTEST_SKIP() << "strace cannot trace here";
        std::set<std::string> ours;
        for (const SyscallSpec& spec : all_syscalls())
            if (spec.classes & bits) ours.insert(std::string(spec.name));
        std::string only_ours, only_strace;
        for (const std::string& call : ours)
            if (!expected.count(call)) only_ours += call + " ";
        for (const std::string& call : expected)
            if (!ours.count(call)) only_strace += call + " ";
        EXPECT_EQ(only_ours, "") << name;
        EXPECT_EQ(only_strace, "") << name;
    }
}

TEST(TraceSet, NamesClassesAndNegation) {
    auto set = parse_trace_set("%net");
    ASSERT_TRUE(set.ok());
    EXPECT_TRUE(set->contains(SYS_connect));
    EXPECT_TRUE(set->contains(SYS_sendfile));  // strace counts sendfile as network
    EXPECT_FALSE(set->contains(SYS_read));
    auto negated = parse_trace_set("!network,close");
    ASSERT_TRUE(negated.ok());
    EXPECT_FALSE(negated->contains(SYS_connect));
    EXPECT_FALSE(negated->contains(SYS_close));
    EXPECT_TRUE(negated->contains(SYS_read));
    auto names = parse_trace_set("connect,?no_such_call,/^epoll_p");
    ASSERT_TRUE(names.ok());
    EXPECT_TRUE(names->contains(SYS_connect));
    EXPECT_TRUE(names->contains(SYS_epoll_pwait));
    EXPECT_TRUE(names->contains(SYS_epoll_pwait2));
    EXPECT_FALSE(names->contains(SYS_epoll_wait));
}

TEST(TraceSet, UnknownWordsAreUsageErrorsNamingThem) {
    // strace: "strace: invalid system call 'foo'" for each of these.
    for (const char* expression : {"foo", "%foo", "connect,foo", ""}) {
        auto set = parse_trace_set(expression);
        ASSERT_FALSE(set.ok()) << expression;
        EXPECT_EQ(set.error().code, ExitCode::usage);
    }
    EXPECT_EQ(parse_trace_set("connect,foo").error().message, "invalid system call 'foo'");
}

TEST(TraceSet, DefaultSetShowsSocketCallsOnlyForSockets) {
    const TraceSet set = default_trace_set();
    EXPECT_EQ(set.when(SYS_connect), ShowWhen::always);
    EXPECT_EQ(set.when(SYS_sendfile), ShowWhen::always);
    EXPECT_EQ(set.when(SYS_read), ShowWhen::fd_is_socket);
    EXPECT_EQ(set.when(SYS_close), ShowWhen::fd_is_socket);
    EXPECT_EQ(set.when(SYS_epoll_wait), ShowWhen::fd_is_socket);
    EXPECT_EQ(set.when(SYS_openat), ShowWhen::dns_path);
    EXPECT_EQ(set.when(SYS_getpid), ShowWhen::never);
    EXPECT_TRUE(is_dns_path("/etc/resolv.conf"));
    EXPECT_FALSE(is_dns_path("/etc/passwd"));
}

TEST(TraceSet, StatusSets) {
    EXPECT_EQ(parse_status_set("failed").value(), call_status::kFailed);
    EXPECT_EQ(parse_status_set("successful,failed").value(), call_status::kSuccessful | call_status::kFailed);
    EXPECT_EQ(parse_status_set("!failed").value(), call_status::kAll & ~call_status::kFailed);
    // strace: "strace: invalid status 'foo'"
    EXPECT_EQ(parse_status_set("foo").error().message, "invalid status 'foo'");
}

}  // namespace
}  // namespace netlens::trace
