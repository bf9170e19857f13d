// A tracee's memory for decoder tests: regions of bytes at chosen addresses. A read stops
// at the end of the region it starts in, as a real read stops at an unmapped page.
#pragma once

#include <cstring>
#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace::testing {

class FakeTraceeMemory : public TraceeMemory {
public:
    // Places bytes at `address` and returns the address.
    uint64_t put(uint64_t address, std::span<const std::byte> bytes) {
        regions_[address] = std::vector<std::byte>(bytes.begin(), bytes.end());
        return address;
    }
    template <typename T>
    uint64_t put_object(uint64_t address, const T& object) {
        return put(address, std::as_bytes(std::span<const T, 1>(&object, 1)));
    }
    uint64_t put_text(uint64_t address, std::string_view text) {
        return put(address, std::as_bytes(std::span<const char>(text.data(), text.size())));
    }

    size_t read(uint64_t address, std::span<std::byte> into) override {
        auto region = regions_.upper_bound(address);
        if (region == regions_.begin()) return 0;
        --region;
        const uint64_t offset = address - region->first;
        if (offset >= region->second.size()) return 0;
        const size_t count = std::min(into.size(), region->second.size() - static_cast<size_t>(offset));
        std::memcpy(into.data(), region->second.data() + offset, count);
        return count;
    }

private:
    std::map<uint64_t, std::vector<std::byte>> regions_;
};

}  // namespace netlens::trace::testing
