#include "iface/nic_counters.h"

#include <linux/ethtool.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <span>

#include "iface/driver_info.h"
#include "source/live_source.h"

namespace netlens::iface {

namespace {

constexpr std::array<const char*, 5> kTroubleWords = {"drop", "err", "miss", "overrun", "discard"};

Error no_statistics(const std::string& device) {
    return Error{ExitCode::failure, device + ": driver has no ethtool statistics"};
}

Error ethtool_error(const std::string& device, const char* step, int err) {
    if (err == EOPNOTSUPP || err == EINVAL) return no_statistics(device);
    return ethtool_ioctl_error(device, step, err);
}

// One SIOCETHTOOL exchange on `device` over `buffer`; an Error names the step that failed.
std::optional<Error> exchange(source::Source& source, const std::string& device, std::span<std::byte> buffer,
                              const char* step) {
    auto err = source.ethtool(device, buffer);
    if (!err) return err.error();
    if (*err != 0) return ethtool_error(device, step, *err);
    return std::nullopt;
}

}  // namespace

bool is_trouble_counter(const std::string& name) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::any_of(kTroubleWords.begin(), kTroubleWords.end(),
                       [&](const char* word) { return lower.find(word) != std::string::npos; });
}

std::vector<NicCounter> select_trouble_counters(const std::vector<std::string>& names,
                                                const std::vector<uint64_t>& values) {
    std::vector<NicCounter> selected;
    const size_t count = std::min(names.size(), values.size());
    for (size_t i = 0; i < count; ++i) {
        if (values[i] != 0 && is_trouble_counter(names[i])) selected.push_back({names[i], values[i]});
    }
    return selected;
}

NicCounterReader::NicCounterReader()
    : owned_(std::make_unique<source::LiveSource>()), source_(owned_.get()) {}

Result<const std::vector<std::string>*> NicCounterReader::names(const std::string& device, const std::string& driver,
                                                                uint32_t count) {
    const std::string key = driver + "/" + std::to_string(count);
    if (const auto cached = names_by_driver_.find(key); cached != names_by_driver_.end()) return &cached->second;

    // A fixed header followed by `count` names of ETH_GSTRING_LEN bytes each.
    std::vector<uint8_t> buffer(sizeof(ethtool_gstrings) + size_t{count} * ETH_GSTRING_LEN);
    auto* strings = reinterpret_cast<ethtool_gstrings*>(buffer.data());
    strings->cmd = ETHTOOL_GSTRINGS;
    strings->string_set = ETH_SS_STATS;
    strings->len = count;
    if (auto failed = exchange(*source_, device, std::as_writable_bytes(std::span(buffer)), "counter names")) {
        return *failed;
    }
    std::vector<std::string> list;
    for (uint32_t i = 0; i < std::min(count, strings->len); ++i) {
        const char* name = reinterpret_cast<const char*>(strings->data + size_t{i} * ETH_GSTRING_LEN);
        list.emplace_back(name, strnlen(name, ETH_GSTRING_LEN));
    }
    return &names_by_driver_.emplace(key, std::move(list)).first->second;
}

Result<NicCounterReading> NicCounterReader::read(const std::string& device) {
    DriverInfo info;
    auto err = query_driver_info(*source_, device, info);
    if (!err) return err.error();
    if (*err != 0) return ethtool_error(device, "driver info", *err);
    const uint32_t count = info.statistics;
    if (count == 0) return no_statistics(device);
    auto counter_names = names(device, info.driver, count);
    if (!counter_names) return counter_names.error();

    // A fixed header followed by `count` values.
    std::vector<uint8_t> stats_buffer(sizeof(ethtool_stats) + size_t{count} * sizeof(uint64_t));
    auto* stats = reinterpret_cast<ethtool_stats*>(stats_buffer.data());
    stats->cmd = ETHTOOL_GSTATS;
    stats->n_stats = count;
    if (auto failed = exchange(*source_, device, std::as_writable_bytes(std::span(stats_buffer)), "counter values")) {
        return *failed;
    }

    // The kernel may have returned fewer entries than announced if the driver changed.
    const size_t returned = std::min<size_t>({count, (*counter_names)->size(), stats->n_stats});
    std::vector<uint64_t> values(returned);
    std::memcpy(values.data(), stats_buffer.data() + sizeof(ethtool_stats), returned * sizeof(uint64_t));
    return NicCounterReading{select_trouble_counters(**counter_names, values), returned};
}

}  // namespace netlens::iface
