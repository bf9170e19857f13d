// Gathering the same kind of result in several network namespaces. With no targets the
// work runs here, unlabelled; with exactly one (--netns NAME) any failure is the
// command's error, because the user asked for that namespace; with several
// (--all-netns) a namespace that cannot be entered or answered is one gap among many,
// reported as a skipped check while the others go on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/netns.h"

namespace netlens {

template <typename T>
struct Labelled {
    std::string netns;  // empty when collected here without --netns/--all-netns
    T value;
};

template <typename T>
Result<std::vector<Labelled<T>>> collect_in_namespaces(const std::vector<NetnsTarget>& targets,
                                                       const std::function<Result<T>()>& collect,
                                                       Diagnosis& diagnosis) {
    std::vector<Labelled<T>> results;
    if (targets.empty()) {
        auto value = collect();
        if (!value) return value.error();
        results.push_back({"", std::move(*value)});
        return results;
    }
    std::optional<Error> failure;
    const auto visits = for_each_netns(targets, [&](const NetnsTarget& target) {
        auto value = collect();
        if (value) {
            results.push_back({target.label, std::move(*value)});
        } else if (targets.size() == 1) {
            failure = value.error();
        } else {
            diagnosis.skip("netns", target.label, value.error().message);
        }
    });
    for (const auto& visit : visits) {
        if (!visit.error) continue;
        if (targets.size() == 1) return *visit.error;
        diagnosis.skip("netns", visit.target.label, visit.error->message);
    }
    if (failure) return *failure;
    return results;
}

}  // namespace netlens
