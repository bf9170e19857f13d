// Data, fd and wait calls and message headers, compared with the lines strace 6.1 printed
// for tests/programs/decode_calls.c (`strace -f -e trace=%network,%desc ./decode_calls`)
// and, for string quoting, for writes of the same bytes under `strace -e trace=write` with
// no option, -x, -xx and -s 4.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cstring>

#include <gtest/gtest.h>

#include "trace/decode/strings.h"
#include "trace_decode_test_support.h"

namespace netlens::trace {
namespace {

using testing::FakeTraceeMemory;
using testing::decode_line;
using testing::make_call;

std::span<const std::byte> bytes_of(std::string_view text) { return std::as_bytes(std::span(text.data(), text.size())); }

TEST(TraceDecodeStrings, QuotingAsStracePrintsIt) {
    const std::string_view mixed("a\0001\t\"\\\x7f\x80\xe9z\n", 11);
    EXPECT_EQ(quote_bytes(bytes_of(mixed), DecodeOptions::Hex::none), R"("a\0001\t\"\\\177\200\351z\n")");
    EXPECT_EQ(quote_bytes(bytes_of(mixed), DecodeOptions::Hex::non_ascii), R"("\x61\x00\x31\x09\x22\x5c\x7f\x80\xe9\x7a\x0a")");
    EXPECT_EQ(quote_bytes(bytes_of("plain text\r\n"), DecodeOptions::Hex::non_ascii), R"("plain text\r\n")");
    EXPECT_EQ(quote_bytes(bytes_of("plain text\r\n"), DecodeOptions::Hex::all),
              R"("\x70\x6c\x61\x69\x6e\x20\x74\x65\x78\x74\x0d\x0a")");
    EXPECT_EQ(quote_bytes(bytes_of("caf\xc3\xa9"), DecodeOptions::Hex::none), R"("caf\303\251")");
}

TEST(TraceDecodeStrings, JsonCarriesTextOnlyWhenItIsUtf8) {
    // 0xc1 0x80 is an overlong form: nlohmann's dump() throws on it, so the escaped text goes instead.
    const Value overlong = bytes_value(bytes_of("a\xc1\x80"), 3, DecodeOptions::Hex::none);
    EXPECT_EQ(overlong.text, R"("a\301\200")");
    EXPECT_EQ(overlong.json, R"(a\301\200)");
    EXPECT_NO_THROW((void)overlong.json.dump());
    const Value utf8 = bytes_value(bytes_of("caf\xc3\xa9"), 5, DecodeOptions::Hex::none);
    EXPECT_EQ(utf8.json, "caf\xc3\xa9");
}

TEST(TraceDecodeStrings, WriteCutAtTheStringLimit) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, "0123456789abcdefghijklmnopqrstuvwxyzABCDEF");
    auto call = make_call("write", {3, 0x1000, 42});
    EXPECT_EQ(decode_line(call, 42, memory), R"(write(3, "0123456789abcdefghijklmnopqrstuv"..., 42) = 42)");
    EXPECT_EQ(call.payload.size(), 42u);  // --payload keeps what -s cuts
    DecodeOptions four;
    four.string_limit = 4;
    auto cut = make_call("write", {3, 0x1000, 42});
    EXPECT_EQ(decode_line(cut, 42, memory, four), R"(write(3, "0123"..., 42) = 42)");
    DecodeOptions none;
    none.string_limit = 0;
    auto nothing = make_call("write", {3, 0x1000, 42});
    EXPECT_EQ(decode_line(nothing, 42, memory, none), R"(write(3, ""..., 42) = 42)");
    auto unreadable = make_call("write", {3, 0x10, 5});
    EXPECT_EQ(decode_line(unreadable, 5, memory), "write(3, 0x10, 5) = 5");
    auto empty = make_call("write", {3, 0x1000, 0});
    EXPECT_EQ(decode_line(empty, 0, memory), R"(write(3, "", 0) = 0)");
}

TEST(TraceDecodeIo, ReadShowsWhatWasReturned) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, "GET / HTTP/1.1\r\nHost: example\r\n\r\n");
    auto call = make_call("read", {5, 0x1000, 4096});
    EXPECT_EQ(decode_line(call, 33, memory), R"(read(5, "GET / HTTP/1.1\r\nHost: example\r\n\r"..., 4096) = 33)");
    const Json text = value_json(call.args[1]);
    EXPECT_EQ(text, "GET / HTTP/1.1\r\nHost: example\r\n\r");
}

TEST(TraceDecodeIo, WritevAndReadv) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, "hello ");
    memory.put_text(0x2000, "world\n");
    const iovec out[2] = {{reinterpret_cast<void*>(0x1000), 6}, {reinterpret_cast<void*>(0x2000), 6}};
    memory.put_object(0x3000, out);
    auto writev = make_call("writev", {4, 0x3000, 2});
    EXPECT_EQ(decode_line(writev, 12, memory),
              R"(writev(4, [{iov_base="hello ", iov_len=6}, {iov_base="world\n", iov_len=6}], 2) = 12)");

    memory.put_text(0x4000, "hell");
    memory.put_text(0x5000, "o world\n");
    const iovec in[2] = {{reinterpret_cast<void*>(0x4000), 4}, {reinterpret_cast<void*>(0x5000), 100}};
    memory.put_object(0x6000, in);
    auto readv = make_call("readv", {5, 0x6000, 2});
    EXPECT_EQ(decode_line(readv, 12, memory),
              R"(readv(5, [{iov_base="hell", iov_len=4}, {iov_base="o world\n", iov_len=100}], 2) = 12)");
}

TEST(TraceDecodeIo, MsghdrWithNameAndIovecs) {
    FakeTraceeMemory memory;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(44714);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    memory.put_object(0x1000, address);
    memory.put_text(0x2000, "abc");
    memory.put_text(0x3000, "de\0\0\0\0\0\0\0\0");
    const iovec iov[2] = {{reinterpret_cast<void*>(0x2000), 3}, {reinterpret_cast<void*>(0x3000), 10}};
    memory.put_object(0x4000, iov);
    msghdr header{};
    header.msg_name = reinterpret_cast<void*>(0x1000);
    header.msg_namelen = 16;
    header.msg_iov = reinterpret_cast<iovec*>(0x4000);
    header.msg_iovlen = 2;
    memory.put_object(0x5000, header);
    auto call = make_call("recvmsg", {3, 0x5000, 0});
    EXPECT_EQ(decode_line(call, 5, memory),
              "recvmsg(3, {msg_name={sa_family=AF_INET, sin_port=htons(44714), sin_addr=inet_addr(\"127.0.0.1\")}, "
              "msg_namelen=16, msg_iov=[{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\", iov_len=10}], msg_iovlen=2, "
              "msg_controllen=0, msg_flags=0}, 0) = 5");
    EXPECT_EQ(call.payload.size(), 5u);
}

TEST(TraceDecodeIo, ScmRightsControlMessage) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, "x");
    const iovec iov{reinterpret_cast<void*>(0x1000), 1};
    memory.put_object(0x2000, iov);
    alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(int))] = {};
    auto* message = reinterpret_cast<cmsghdr*>(control);
    message->cmsg_len = CMSG_LEN(sizeof(int));
    message->cmsg_level = SOL_SOCKET;
    message->cmsg_type = SCM_RIGHTS;
    const int fd = 5;
    std::memcpy(CMSG_DATA(message), &fd, sizeof fd);
    memory.put_object(0x3000, control);
    msghdr header{};
    header.msg_iov = reinterpret_cast<iovec*>(0x2000);
    header.msg_iovlen = 1;
    header.msg_control = reinterpret_cast<void*>(0x3000);
    header.msg_controllen = sizeof control;
    memory.put_object(0x4000, header);
    auto call = make_call("sendmsg", {3, 0x4000, 0});
    EXPECT_EQ(decode_line(call, 1, memory),
              "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], msg_iovlen=1, "
              "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], "
              "msg_controllen=24, msg_flags=0}, 0) = 1");
}

TEST(TraceDecodeIo, FcntlResultsAndFlags) {
    FakeTraceeMemory memory;
    auto getfl = make_call("fcntl", {4, F_GETFL});
    EXPECT_EQ(decode_line(getfl, 0x802, memory), "fcntl(4, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)");
    auto setfl = make_call("fcntl", {4, F_SETFL, O_RDWR | O_NONBLOCK});
    EXPECT_EQ(decode_line(setfl, 0, memory), "fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
    auto getfd = make_call("fcntl", {5, F_GETFD});
    EXPECT_EQ(decode_line(getfd, 1, memory), "fcntl(5, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
    auto setfd = make_call("fcntl", {5, F_SETFD, FD_CLOEXEC});
    EXPECT_EQ(decode_line(setfd, 0, memory), "fcntl(5, F_SETFD, FD_CLOEXEC) = 0");
    auto dupfd = make_call("fcntl", {5, F_DUPFD_CLOEXEC, 10});
    EXPECT_EQ(decode_line(dupfd, 11, memory), "fcntl(5, F_DUPFD_CLOEXEC, 10) = 11");
    auto dup3 = make_call("dup3", {6, 21, O_CLOEXEC});
    EXPECT_EQ(decode_line(dup3, 21, memory), "dup3(6, 21, O_CLOEXEC) = 21");
}

TEST(TraceDecodeIo, OpensSendfileAndSplice) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, std::string_view("/etc/hosts\0", 11));
    auto openat = make_call("openat", {static_cast<uint64_t>(AT_FDCWD), 0x1000, O_RDONLY | O_CLOEXEC});
    EXPECT_EQ(decode_line(openat, 3, memory), R"(openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 3)");
    memory.put_text(0x2000, std::string_view("/tmp/netlens-decode-test\0", 25));
    auto create = make_call("openat", {static_cast<uint64_t>(AT_FDCWD), 0x2000, O_RDWR | O_CREAT | O_TRUNC, 0600});
    EXPECT_EQ(decode_line(create, 4, memory),
              R"(openat(AT_FDCWD, "/tmp/netlens-decode-test", O_RDWR|O_CREAT|O_TRUNC, 0600) = 4)");

    const int64_t start = 0;
    memory.put_object(0x3000, start);
    auto sendfile = make_call("sendfile", {4, 3, 0x3000, 8});
    decode_entry(sendfile, memory, {});
    const int64_t end = 8;
    memory.put_object(0x3000, end);
    testing::set_return(sendfile, 8);
    decode_call(sendfile, memory, {}, {});
    EXPECT_EQ(testing::line_of(sendfile), "sendfile(4, 3, [0] => [8], 8) = 8");

    auto splice = make_call("splice", {3, 0, 8, 0, 4, 1});
    EXPECT_EQ(decode_line(splice, 4, memory), "splice(3, NULL, 8, NULL, 4, SPLICE_F_MOVE) = 4");
}

TEST(TraceDecodeWait, PollEntryAndRevents) {
    FakeTraceeMemory memory;
    pollfd entry{4, POLLOUT, POLLOUT};
    memory.put_object(0x1000, entry);
    auto poll = make_call("poll", {0x1000, 1, 1000});
    EXPECT_EQ(decode_line(poll, 1, memory), "poll([{fd=4, events=POLLOUT}], 1, 1000) = 1 ([{fd=4, revents=POLLOUT}])");
    auto timeout = make_call("poll", {0x1000, 1, 0});
    EXPECT_EQ(decode_line(timeout, 0, memory), "poll([{fd=4, events=POLLOUT}], 1, 0) = 0 (Timeout)");
    auto fault = make_call("poll", {0x10, 1, 0});
    EXPECT_EQ(decode_line(fault, -EFAULT, memory), "poll(0x10, 1, 0) = -1 EFAULT (Bad address)");
}

TEST(TraceDecodeWait, PselectKeepsTheAskedSetsAndTimeout) {
    FakeTraceeMemory memory;
    const uint64_t asked = (1u << 3) | (1u << 5);
    memory.put_object(0x1000, asked);
    const int64_t timeout[2] = {0, 1000000};
    memory.put_object(0x2000, timeout);
    auto call = make_call("pselect6", {6, 0x1000, 0, 0, 0x2000, 0});
    decode_entry(call, memory, {});
    const uint64_t ready = 1u << 5;
    memory.put_object(0x1000, ready);
    const int64_t left[2] = {0, 997916};
    memory.put_object(0x2000, left);
    testing::set_return(call, 1);
    decode_call(call, memory, {}, {});
    EXPECT_EQ(testing::line_of(call),
              "pselect6(6, [3 5], NULL, NULL, {tv_sec=0, tv_nsec=1000000}, NULL) = 1 (in [5], left {tv_sec=0, tv_nsec=997916})");
}

TEST(TraceDecodeWait, Epoll) {
    FakeTraceeMemory memory;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLET;
    event.data.u64 = 0x100000007ULL;
    memory.put_object(0x1000, event);
    auto ctl = make_call("epoll_ctl", {7, EPOLL_CTL_ADD, 5, 0x1000});
    EXPECT_EQ(decode_line(ctl, 0, memory),
              "epoll_ctl(7, EPOLL_CTL_ADD, 5, {events=EPOLLIN|EPOLLET, data={u32=7, u64=4294967303}}) = 0");
    event.events = EPOLLIN;
    memory.put_object(0x2000, event);
    auto wait = make_call("epoll_wait", {7, 0x2000, 4, 10});
    EXPECT_EQ(decode_line(wait, 1, memory), "epoll_wait(7, [{events=EPOLLIN, data={u32=7, u64=4294967303}}], 4, 10) = 1");
    const uint64_t empty_mask = 0;
    memory.put_object(0x3000, empty_mask);
    auto pwait = make_call("epoll_pwait", {7, 0x2000, 4, 0, 0x3000, 8});
    EXPECT_EQ(decode_line(pwait, 0, memory), "epoll_pwait(7, [], 4, 0, [], 8) = 0");
    auto create = make_call("epoll_create1", {EPOLL_CLOEXEC});
    EXPECT_EQ(decode_line(create, 7, memory), "epoll_create1(EPOLL_CLOEXEC) = 7");
}

TEST(TraceDecodeWait, PpollShowsReventsAndTimeLeft) {
    FakeTraceeMemory memory;
    const pollfd entries[2] = {{5, POLLIN | POLLRDHUP, POLLIN | POLLRDHUP}, {3, POLLIN, 0}};
    memory.put_object(0x1000, entries);
    const int64_t timeout[2] = {0, 1000000};
    memory.put_object(0x2000, timeout);
    const uint64_t empty_mask = 0;
    memory.put_object(0x3000, empty_mask);
    auto call = make_call("ppoll", {0x1000, 2, 0x2000, 0x3000, 8});
    decode_entry(call, memory, {});
    const int64_t left[2] = {0, 998707};
    memory.put_object(0x2000, left);
    testing::set_return(call, 1);
    decode_call(call, memory, {}, {});
    EXPECT_EQ(testing::line_of(call),
              "ppoll([{fd=5, events=POLLIN|POLLRDHUP}, {fd=3, events=POLLIN}], 2, {tv_sec=0, tv_nsec=1000000}, [], 8) = "
              "1 ([{fd=5, revents=POLLIN|POLLRDHUP}], left {tv_sec=0, tv_nsec=998707})");
}

TEST(TraceDecodeIo, RecvmmsgCutsEachEntryAtItsLength) {
    FakeTraceeMemory memory;
    memory.put_text(0x1000, "abcde\0\0\0");
    memory.put_text(0x2000, "abcde\0\0\0");
    const iovec first{reinterpret_cast<void*>(0x1000), 8};
    const iovec second{reinterpret_cast<void*>(0x2000), 8};
    memory.put_object(0x3000, first);
    memory.put_object(0x3100, second);
    mmsghdr entries[2] = {};
    entries[0].msg_hdr.msg_iov = reinterpret_cast<iovec*>(0x3000);
    entries[0].msg_hdr.msg_iovlen = 1;
    entries[0].msg_len = 5;
    entries[1].msg_hdr.msg_iov = reinterpret_cast<iovec*>(0x3100);
    entries[1].msg_hdr.msg_iovlen = 1;
    entries[1].msg_len = 5;
    memory.put_object(0x4000, entries);
    auto call = make_call("recvmmsg", {3, 0x4000, 2, MSG_DONTWAIT, 0});
    EXPECT_EQ(decode_line(call, 2, memory),
              "recvmmsg(3, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abcde\", iov_len=8}], "
              "msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}, {msg_hdr={msg_name=NULL, msg_namelen=0, "
              "msg_iov=[{iov_base=\"abcde\", iov_len=8}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}], 2, "
              "MSG_DONTWAIT, NULL) = 2");
}

TEST(TraceDecodeCall, UnknownAndUnfinishedCalls) {
    FakeTraceeMemory memory;
    CallRecord unknown;
    unknown.entry.number = 0x1d2;
    testing::set_return(unknown, -ENOSYS);
    decode_call(unknown, memory, {}, {});
    EXPECT_EQ(testing::line_of(unknown), "syscall_0x1d2(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)");
    auto exit_group = make_call("exit_group", {0});
    decode_call(exit_group, memory, {}, {});
    EXPECT_EQ(testing::line_of(exit_group), "exit_group(0) = ?");
}

}  // namespace
}  // namespace netlens::trace
