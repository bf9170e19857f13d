#include "trace/decode/wait_values.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>

#include <algorithm>

#include "trace/decode/constants.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

constexpr uint64_t kFdSetSize = 1024;
constexpr uint64_t kMaxPollFds = 4096;  // bounds what we read; the kernel's limit is RLIMIT_NOFILE

}  // namespace

Value pollfd_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, size_t limit, const FdValue& fd_value) {
    if (address == 0) return pointer_value(0);
    const uint64_t shown = std::min<uint64_t>({count, limit, kMaxPollFds});
    std::vector<Value> items;
    for (uint64_t i = 0; i < shown; ++i) {
        const auto entry = read_object<pollfd>(memory, address + i * sizeof(pollfd));
        if (!entry) return pointer_value(address);
        items.push_back(structure({named("fd", fd_value(entry->fd)),
                                   named("events", flags_value(constants::poll_events(), static_cast<uint16_t>(entry->events)))}));
    }
    return array(std::move(items), shown < count);
}

std::string pollfd_revents_text(TraceeMemory& memory, uint64_t address, uint64_t count, const FdValue& fd_value) {
    std::string text = "[";
    bool first = true;
    for (uint64_t i = 0; i < std::min(count, kMaxPollFds); ++i) {
        const auto entry = read_object<pollfd>(memory, address + i * sizeof(pollfd));
        if (!entry) break;
        if (entry->revents == 0) continue;
        if (!first) text += ", ";
        first = false;
        text += "{fd=" + fd_value(entry->fd).text + ", revents=" +
                flags_value(constants::poll_events(), static_cast<uint16_t>(entry->revents)).text + "}";
    }
    return text + "]";
}

Value fd_set_value(std::span<const uint64_t> words, uint64_t nfds, const FdValue& fd_value) {
    std::string text = "[";
    Json json = Json::array();
    for (uint64_t fd = 0; fd < std::min<uint64_t>(nfds, words.size() * 64); ++fd) {
        if (!(words[fd / 64] >> (fd % 64) & 1)) continue;
        if (text.size() > 1) text += ' ';
        text += fd_value(static_cast<int64_t>(fd)).text;
        json.push_back(fd);
    }
    return leaf(text + "]", std::move(json));
}

std::vector<uint64_t> read_fd_set(TraceeMemory& memory, uint64_t address, uint64_t nfds) {
    const uint64_t words = (std::min(nfds, kFdSetSize) + 63) / 64;
    if (words == 0) return {};
    std::vector<uint64_t> set(words);
    const auto bytes = read_bytes(memory, address, words * sizeof(uint64_t));
    if (!bytes) return {};
    std::memcpy(set.data(), bytes->data(), bytes->size());
    return set;
}

Value epoll_event_value(TraceeMemory& memory, uint64_t address) {
    const auto event = read_object<epoll_event>(memory, address);
    if (!event) return pointer_value(address);
    const uint64_t data = event->data.u64;
    return structure({named("events", flags_value(constants::epoll_events(), event->events)),
                      named("data", structure({named("u32", unsigned_value(static_cast<uint32_t>(data))),
                                               named("u64", unsigned_value(data))}))});
}

Value epoll_event_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, size_t limit) {
    if (count == 0) return array({});
    const uint64_t shown = std::min<uint64_t>({count, limit, kMaxPollFds});
    std::vector<Value> items;
    for (uint64_t i = 0; i < shown; ++i) {
        const uint64_t at = address + i * sizeof(epoll_event);
        if (!read_object<epoll_event>(memory, at)) return pointer_value(address);
        items.push_back(epoll_event_value(memory, at));
    }
    return array(std::move(items), shown < count);
}

Value timespec_value(int64_t seconds, int64_t nanoseconds) {
    return structure({named("tv_sec", signed_value(seconds)), named("tv_nsec", signed_value(nanoseconds))});
}

Value timeval_value(int64_t seconds, int64_t microseconds) {
    return structure({named("tv_sec", signed_value(seconds)), named("tv_usec", signed_value(microseconds))});
}

Value sigset_value(TraceeMemory& memory, uint64_t address, uint64_t size) {
    if (address == 0) return pointer_value(0);
    const auto mask = read_object<uint64_t>(memory, address);
    if (!mask || size < 1) return pointer_value(address);
    std::string text = "[";
    Json json = Json::array();
    const uint64_t bits = size >= 8 ? *mask : (*mask & ((uint64_t{1} << (size * 8)) - 1));
    for (int signal = 1; signal <= 64; ++signal) {
        if (!(bits >> (signal - 1) & 1)) continue;
        const char* name = sigabbrev_np(signal);
        const std::string word = name ? name : std::to_string(signal);
        if (text.size() > 1) text += ' ';
        text += word;
        json.push_back(word);
    }
    return leaf(text + "]", std::move(json));
}

}  // namespace netlens::trace
