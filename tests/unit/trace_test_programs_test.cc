// The test programs do what they say: each runs under strace -f -yy (the oracle), and
// the facts it prints on stdout must agree with the calls strace saw. The programs are
// what `netlens trace` is later compared with strace on. Skips when strace is missing
// or may not trace here.
#include <gtest/gtest.h>
#include <stdio.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace netlens::trace {
namespace {

struct ProgramRun {
    std::map<std::string, std::string> facts;  // "key=value" lines (first '=' splits)
    std::string trace;                         // strace's output
};

ProgramRun run_under_strace(const std::string& program) {
    ProgramRun run;
    char trace_path[] = "/tmp/netlens-program-trace-XXXXXX";
    const int trace_fd = mkstemp(trace_path);
    if (trace_fd < 0) return run;
    close(trace_fd);
    const std::string command = "strace -f -qq -yy -e trace=network,write,read -o " + std::string(trace_path) + " " +
                                NETLENS_PROGRAMS_DIR + "/" + program;
    FILE* output = popen(command.c_str(), "r");
    if (output == nullptr) return run;
    char line[1024];
    while (fgets(line, sizeof(line), output) != nullptr) {
        std::string text(line);
        if (!text.empty() && text.back() == '\n') text.pop_back();
        // threads_race and fork_exec put several facts on one line, separated by spaces.
        std::istringstream words(text);
        std::string word;
        while (words >> word) {
            const auto equals = word.find('=');
            if (equals != std::string::npos) run.facts.emplace(word.substr(0, equals), word.substr(equals + 1));
        }
    }
    pclose(output);
    std::ifstream trace(trace_path);
    run.trace.assign(std::istreambuf_iterator<char>(trace), std::istreambuf_iterator<char>());
    unlink(trace_path);
    return run;
}

ProgramRun traced(const std::string& program) {
    if (system("strace -V >/dev/null 2>&1") != 0) return {};
    return run_under_strace(program);
}

bool saw(const ProgramRun& run, const std::string& text) { return run.trace.find(text) != std::string::npos; }

// A line of process `pid` showing `call`: strace -o FILE -f pads the pid column to five.
bool saw_call_of(const ProgramRun& run, const std::string& pid, const std::string& call) {
    std::istringstream lines(run.trace);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with(pid + " ")) continue;
        const size_t text = line.find_first_not_of(' ', pid.size());
        if (text != std::string::npos && line.compare(text, call.size(), call) == 0) return true;
    }
    return false;
}

#define SKIP_WITHOUT_TRACE(run) \
    if ((run).trace.empty()) GTEST_SKIP() << "strace is missing or may not trace here"

const std::string kLoopback = "sin_addr=inet_addr(\"127.0.0.1\")}";

TEST(TestPrograms, RefusedConnect) {
    const auto run = traced("refused_connect");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("errno"), "ECONNREFUSED");
    EXPECT_EQ(run.facts.at("connect"), "-1");
    EXPECT_TRUE(saw(run, "connect(" + run.facts.at("socket_fd") + "<TCP:[")) << run.trace;
    EXPECT_TRUE(saw(run, "sin_port=htons(" + run.facts.at("port") + "), " + kLoopback +
                             ", 16) = -1 ECONNREFUSED (Connection refused)"))
        << run.trace;
}

TEST(TestPrograms, NonblockConnect) {
    const auto run = traced("nonblock_connect");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("open_connect_errno"), "EINPROGRESS");
    EXPECT_EQ(run.facts.at("open_so_error"), "0");
    EXPECT_EQ(run.facts.at("closed_so_error"), "ECONNREFUSED");
    EXPECT_TRUE(saw(run, "SOCK_STREAM|SOCK_NONBLOCK")) << run.trace;
    EXPECT_TRUE(saw(run, "SOL_SOCKET, SO_ERROR, [0], [4]) = 0")) << run.trace;
    EXPECT_TRUE(saw(run, "SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0")) << run.trace;
}

TEST(TestPrograms, UdpPingPong) {
    const auto run = traced("udp_pingpong");
    SKIP_WITHOUT_TRACE(run);
    const std::string a = run.facts.at("a_port"), b = run.facts.at("b_port");
    EXPECT_EQ(run.facts.at("ping_source_port"), a);
    EXPECT_TRUE(saw(run, "sendto(" + run.facts.at("a_fd") + "<UDP:[127.0.0.1:" + a + "]>, \"ping\", 4, 0, " +
                             "{sa_family=AF_INET, sin_port=htons(" + b + "), " + kLoopback + ", 16) = 4"))
        << run.trace;
    EXPECT_TRUE(saw(run, "recvfrom(" + run.facts.at("a_fd") + "<UDP:[127.0.0.1:" + a + "]>, \"pong\", 64, 0"))
        << run.trace;
}

TEST(TestPrograms, SendmsgIov) {
    const auto run = traced("sendmsg_iov");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("sendmsg"), "9");
    EXPECT_EQ(run.facts.at("text"), "abcdefghi");
    EXPECT_TRUE(saw(run, "sendmsg(" + run.facts.at("client_fd") + "<TCP:[127.0.0.1:" + run.facts.at("client_port") +
                             "->127.0.0.1:" + run.facts.at("server_port") + "]>, {msg_name=NULL, msg_namelen=0, " +
                             "msg_iov=[{iov_base=\"abc\", iov_len=3}, {iov_base=\"defg\", iov_len=4}, " +
                             "{iov_base=\"hi\", iov_len=2}], msg_iovlen=3"))
        << run.trace;
}

TEST(TestPrograms, AcceptServer) {
    const auto run = traced("accept_server");
    SKIP_WITHOUT_TRACE(run);
    const std::string listen_port = run.facts.at("listen_port"), client_port = run.facts.at("client_port");
    EXPECT_EQ(run.facts.at("peer_port"), client_port);
    EXPECT_TRUE(saw(run, "accept4(" + run.facts.at("listener_fd") + "<TCP:[127.0.0.1:" + listen_port +
                             "]>, {sa_family=AF_INET, sin_port=htons(" + client_port + "), " + kLoopback +
                             ", [16], SOCK_CLOEXEC) = " + run.facts.at("accept4") + "<TCP:[127.0.0.1:" + listen_port +
                             "->127.0.0.1:" + client_port + "]>"))
        << run.trace;
}

TEST(TestPrograms, ThreadsRace) {
    const auto run = traced("threads_race");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("bytes_read"), "4");
    for (int i = 0; i < 4; ++i) EXPECT_EQ(run.facts.at("thread" + std::to_string(i) + "_connect"), "0");
    size_t connects = 0;
    for (size_t at = run.trace.find("connect("); at != std::string::npos; at = run.trace.find("connect(", at + 1)) {
        ++connects;
    }
    EXPECT_GE(connects, 4U) << run.trace;  // a connect may show as unfinished + resumed: still one "connect("
}

TEST(TestPrograms, ForkExec) {
    const auto run = traced("fork_exec");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("child_exit"), "0");
    EXPECT_EQ(run.facts.at("child_connect"), "0");
    EXPECT_EQ(run.facts.at("text"), "hello");
    // strace -o FILE -f prefixes each line with the pid: the connect is the child's.
    EXPECT_TRUE(saw_call_of(run, run.facts.at("child_pid"), "connect(")) << run.trace;
    EXPECT_TRUE(saw(run, "sin_port=htons(" + run.facts.at("listen_port") + ")")) << run.trace;
}

TEST(TestPrograms, UnixPair) {
    const auto run = traced("unix_pair");
    SKIP_WITHOUT_TRACE(run);
    EXPECT_EQ(run.facts.at("pair_read"), "3");
    EXPECT_EQ(run.facts.at("path_read"), "2");
    EXPECT_EQ(run.facts.at("abstract_read"), "2");
    // The pair's fds as the program got them (an fd inherited from the test runner moves them up).
    const std::string pair = run.facts.at("pair_fds");  // "3,4"
    const std::string first = pair.substr(0, pair.find(','));
    EXPECT_TRUE(saw(run, "socketpair(AF_UNIX, SOCK_STREAM, 0, [" + first + "<UNIX-STREAM:[")) << run.trace;
    EXPECT_TRUE(saw(run, "sun_path=\"" + run.facts.at("path") + "\"")) << run.trace;
    const std::string abstract = run.facts.at("abstract");  // "@name"
    EXPECT_TRUE(saw(run, "sun_path=@\"" + abstract.substr(1) + "\"")) << run.trace;
}

// strace resolves sockets by dumping its own namespace's tables, so in the program's
// namespace it shows inodes alone: `write(6<UNIX-STREAM:[7729623]>, "abc", 3) = 3`.
TEST(TestPrograms, NetnsSocket) {
    const auto run = traced("netns_socket");
    SKIP_WITHOUT_TRACE(run);
    if (run.facts.count("unshare") != 0) GTEST_SKIP() << "unshare(CLONE_NEWNET): " << run.facts.at("unshare");
    EXPECT_EQ(run.facts.at("connect"), "0");
    EXPECT_EQ(run.facts.at("write"), "2");
    EXPECT_EQ(run.facts.at("socketpair"), "0");
    const std::string first = run.facts.at("pair_fds").substr(0, run.facts.at("pair_fds").find(','));
    const std::regex inode_alone("write\\(" + first + "<UNIX-STREAM:\\[\\d+\\]>, \"abc\", 3\\) = 3");
    EXPECT_TRUE(std::regex_search(run.trace, inode_alone)) << run.trace;
}

}  // namespace
}  // namespace netlens::trace
