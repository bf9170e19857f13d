// The NDJSON object of a call, from CallRecords built here. errno names and texts are
// the ones strace printed for the same failure ("-1 ECONNREFUSED (Connection refused)");
// base64 payloads were checked with coreutils (`printf '\x00\x01\x02\xffhi' | base64`).
#include "trace/present/call_json.h"

#include <gtest/gtest.h>

#include "trace/present/base64.h"

namespace netlens::trace {
namespace {

std::vector<std::byte> bytes(const std::string& text) {
    std::vector<std::byte> out;
    for (char c : text) out.push_back(static_cast<std::byte>(c));
    return out;
}

CallRecord refused_connect() {
    CallRecord record;
    record.entry = SyscallEntry{.pid = 100, .tid = 101, .number = 42, .entered_us = 1796316308254304,
                                .monotonic_entered_ns = 1'000'000};
    record.exit = SyscallExit{.value = -111, .failed = true, .exited_us = 1796316308254365,
                              .monotonic_exited_ns = 1'061'500};
    record.name = "connect";
    Value fd;
    fd.name = "fd";
    fd.text = "3";
    fd.json = 3;
    Value length;
    length.text = "16";
    length.json = 16;
    record.args = {fd, length};
    record.socket = SocketIdentity{.inode = 77, .protocol = "TCP", .local = "127.0.0.1:40001",
                                   .peer = "127.0.0.1:8080"};
    return record;
}

TEST(CallJson, FailedCall) {
    const Json json = call_json(refused_connect());
    EXPECT_EQ(json["type"], "syscall");
    EXPECT_EQ(json["pid"], 100);
    EXPECT_EQ(json["tid"], 101);
    EXPECT_EQ(json["ts_us"], 1796316308254304);
    EXPECT_EQ(json["name"], "connect");
    EXPECT_EQ(json["args"], Json::parse("[3, 16]"));
    EXPECT_EQ(json["args_named"], Json::parse(R"({"fd": 3})"));
    EXPECT_EQ(json["retval"], -1);
    EXPECT_EQ(json["errno"], "ECONNREFUSED");
    EXPECT_EQ(json["error"], "Connection refused");
    EXPECT_DOUBLE_EQ(json["duration_us"].get<double>(), 61.5);
    EXPECT_EQ(json["socket"], Json::parse(R"({"protocol": "TCP", "local": "127.0.0.1:40001",
                                              "peer": "127.0.0.1:8080", "inode": 77})"));
    EXPECT_FALSE(json.contains("payload_bytes"));
}

TEST(CallJson, UnfinishedCallHasNoResult) {
    CallRecord record = refused_connect();
    record.exit.reset();
    const Json json = call_json(record);
    EXPECT_FALSE(json.contains("retval"));
    EXPECT_FALSE(json.contains("duration_us"));
}

TEST(CallJson, PayloadAsTextOrBase64) {
    CallRecord record = refused_connect();
    record.payload = bytes("GET / HTTP/1.1\r\n");
    Json json = call_json(record);
    EXPECT_EQ(json["payload_text"], "GET / HTTP/1.1\r\n");
    EXPECT_EQ(json["payload_bytes"], 16);

    record.payload = bytes(std::string("\x00\x01\x02\xffhi", 6));
    json = call_json(record);
    EXPECT_FALSE(json.contains("payload_text"));
    EXPECT_EQ(json["payload_base64"], "AAEC/2hp");
    EXPECT_EQ(json["payload_bytes"], 6);
}

TEST(Base64, Padding) {
    EXPECT_EQ(base64_encode(bytes("")), "");
    EXPECT_EQ(base64_encode(bytes("ab")), "YWI=");  // printf ab | base64
    EXPECT_EQ(base64_encode(bytes("a")), "YQ==");   // printf a | base64
}

TEST(CallJson, SignalAndExit) {
    EXPECT_EQ(exit_json(TraceeExit{.pid = 5, .tid = 6, .killed = true, .signal = "SIGKILL", .at_us = 9}),
              Json::parse(R"({"type": "exit", "pid": 5, "tid": 6, "ts_us": 9, "killed_by": "SIGKILL"})"));
    EXPECT_EQ(exit_json(TraceeExit{.pid = 5, .tid = 5, .status = 3}),
              Json::parse(R"({"type": "exit", "pid": 5, "tid": 5, "ts_us": 0, "exit_code": 3})"));
    EXPECT_EQ(signal_json(SignalDelivery{.pid = 5, .tid = 5, .signal = "SIGCHLD"})["signal"], "SIGCHLD");
}

}  // namespace
}  // namespace netlens::trace
