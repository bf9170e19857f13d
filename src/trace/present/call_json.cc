#include "trace/present/call_json.h"

#include <string.h>


#include "trace/present/base64.h"
#include "trace/present/value_text.h"

namespace netlens::trace {

namespace {

// Text a reader can take as it is (HTTP headers, DNS names in the clear) travels as a
// string; anything else as base64, so every byte survives.
bool printable_text(const std::vector<std::byte>& bytes) {
    for (std::byte b : bytes) {
        const auto c = std::to_integer<unsigned char>(b);
        if (!(c >= 0x20 && c < 0x7f) && c != '\r' && c != '\n' && c != '\t') return false;
    }
    return true;
}

void add_payload(Json& object, const std::vector<std::byte>& payload) {
    if (payload.empty()) return;
    if (printable_text(payload)) {
        object["payload_text"] = std::string(reinterpret_cast<const char*>(payload.data()), payload.size());
    } else {
        object["payload_base64"] = base64_encode(payload);
    }
    object["payload_bytes"] = payload.size();
}

void add_result(Json& object, const CallRecord& record) {
    if (!record.exit) return;
    const SyscallExit& exit = *record.exit;
    if (!exit.failed) {
        object["retval"] = exit.value;
    } else {
        const int err = static_cast<int>(-exit.value);
        object["retval"] = -1;
        const char* name = strerrorname_np(err);
        object["errno"] = name != nullptr ? Json(name) : Json(err);
        // strerror's wording, as strace prints it: "Connection refused".
        const char* text = strerrordesc_np(err);
        object["error"] = text != nullptr ? text : "Unknown error " + std::to_string(err);
    }
    const uint64_t entered = record.entry.monotonic_entered_ns;
    const uint64_t exited = exit.monotonic_exited_ns;
    const uint64_t nanoseconds = exited > entered ? exited - entered : 0;
    object["duration_us"] = static_cast<double>(nanoseconds) / 1000.0;
}

}  // namespace

Json socket_json(const SocketIdentity& socket) {
    Json object = Json::object();
    object["protocol"] = socket.protocol;
    if (!socket.local.empty()) object["local"] = socket.local;
    if (!socket.peer.empty()) object["peer"] = socket.peer;
    object["inode"] = socket.inode;
    if (socket.peer_inode != 0) object["peer_inode"] = socket.peer_inode;
    if (!socket.netns.empty()) object["netns"] = socket.netns;
    return object;
}

Json call_json(const CallRecord& record) {
    Json object = Json::object();
    object["type"] = "syscall";
    object["pid"] = record.entry.pid;
    object["tid"] = record.entry.tid;
    object["ts_us"] = record.entry.entered_us;
    object["name"] = record.name;
    Json args = Json::array();
    Json named = Json::object();
    for (const Value& arg : record.args) {
        Json value = value_json(arg);
        if (!arg.name.empty()) named[arg.name] = value;
        args.push_back(std::move(value));
    }
    object["args"] = std::move(args);
    if (!named.empty()) object["args_named"] = std::move(named);
    add_result(object, record);
    if (record.socket) object["socket"] = socket_json(*record.socket);
    add_payload(object, record.payload);
    return object;
}

Json signal_json(const SignalDelivery& delivery) {
    Json object = Json::object();
    object["type"] = "signal";
    object["pid"] = delivery.pid;
    object["tid"] = delivery.tid;
    object["ts_us"] = delivery.at_us;
    object["signal"] = delivery.signal;
    if (delivery.siginfo) object["siginfo"] = value_json(*delivery.siginfo);
    if (delivery.stopped) object["stopped"] = true;  // a group-stop, not a delivery
    return object;
}

Json exit_json(const TraceeExit& exit) {
    Json object = Json::object();
    object["type"] = "exit";
    object["pid"] = exit.pid;
    object["tid"] = exit.tid;
    object["ts_us"] = exit.at_us;
    if (exit.killed) {
        object["killed_by"] = exit.signal;
        if (exit.core_dumped) object["core_dumped"] = true;
    } else {
        object["exit_code"] = exit.status;
    }
    return object;
}

}  // namespace netlens::trace
