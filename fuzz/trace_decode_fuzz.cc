// libFuzzer target for the trace decoders. The input picks a row of the syscall table,
// the six argument registers, the return value, the decode options and the bytes of the
// tracee's memory (one region at kBase). An argument whose selector bit is set points
// into that region, so pointer decoders (sockaddr, msghdr, iovec, cmsg, pollfd, fd_set,
// epoll_event, sockopt values) read fuzzer bytes; the region's end is an unmapped page,
// so every read past it must be reported short. Beyond crashes and sanitizer reports it
// checks that every decoded value renders as text and as JSON (which refuses invalid
// UTF-8) and that the payload respects its limit.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>

#include "trace/decode/decode_call.h"
#include "trace/present/value_text.h"
#include "trace/syscalls/syscall_table.h"

namespace {

using namespace netlens::trace;

constexpr uint64_t kBase = 0x10000;

class RegionMemory : public TraceeMemory {
public:
    explicit RegionMemory(std::span<const uint8_t> bytes) : bytes_(bytes) {}
    size_t read(uint64_t address, std::span<std::byte> into) override {
        if (address < kBase || address - kBase >= bytes_.size()) return 0;
        const size_t offset = static_cast<size_t>(address - kBase);
        const size_t count = std::min(into.size(), bytes_.size() - offset);
        std::memcpy(into.data(), bytes_.data() + offset, count);
        return count;
    }

private:
    std::span<const uint8_t> bytes_;
};

// Reads the input's header fields front to back; zeros once it runs out.
struct Header {
    std::span<const uint8_t> data;
    template <typename T>
    T take() {
        T value{};
        const size_t count = std::min(sizeof(T), data.size());
        std::memcpy(&value, data.data(), count);
        data = data.subspan(count);
        return value;
    }
};

void check_renders(const Value& value) {
    (void)value_text(value);
    (void)value_json(value).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Header header{{data, size}};
    const auto row = header.take<uint16_t>();
    const auto pointer_selector = header.take<uint8_t>();
    const auto option_byte = header.take<uint8_t>();
    CallRecord call;
    call.entry.pid = 1;
    call.entry.tid = 1;
    const auto table = all_syscalls();
    call.entry.number = table[row % table.size()].number;
    for (size_t i = 0; i < 6; ++i) {
        const auto raw = header.take<uint64_t>();
        const auto remaining = header.data.size() + 1;
        call.entry.args[i] = (pointer_selector >> i & 1) ? kBase + raw % remaining : raw;
    }
    const auto returned = header.take<int64_t>();
    RegionMemory memory(header.data);

    DecodeOptions options;
    options.string_limit = option_byte & 0x3f;
    options.hex = static_cast<DecodeOptions::Hex>((option_byte >> 6) % 3);
    options.payload_limit = 64;
    const FdText fd_text = [](int, int64_t fd) { return std::to_string(fd) + "<TCP:[1]>"; };

    decode_entry(call, memory, options);
    if (!(option_byte & 0x80 && option_byte & 0x40)) {
        call.exit = SyscallExit{};
        call.exit->value = returned % 100000;
        call.exit->failed = call.exit->value < 0 && call.exit->value >= -4095;
    }
    decode_call(call, memory, options, fd_text);
    for (const Value& arg : call.args) check_renders(arg);
    check_renders(call.result);
    if (call.payload.size() > options.payload_limit) std::abort();
    return 0;
}
