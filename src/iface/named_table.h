// Tables from kernel constants to the words a peer tool prints for them, and the two
// ways they are read: one value to one name, or a bit set to the names of its bits.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netlens::iface {

template <typename T>
struct Named {
    T value;
    const char* name;
};

template <typename T, size_t N>
std::string lookup(const Named<T> (&table)[N], T value, std::string fallback) {
    for (const auto& entry : table) {
        if (entry.value == value) return entry.name;
    }
    return fallback;
}

// Names of the bits set in `value`, in the table's order.
template <typename T, size_t N>
std::vector<std::string> bits(const Named<T> (&table)[N], T value) {
    std::vector<std::string> names;
    for (const auto& entry : table) {
        if ((value & entry.value) != 0) names.emplace_back(entry.name);
    }
    return names;
}

}  // namespace netlens::iface
