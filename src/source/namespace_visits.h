// Doing the same work in several network namespaces. With no targets the work runs
// here, unlabelled; with exactly one (--netns NAME) any failure is the command's
// error, because the user asked for that namespace; with several (--all-netns) the
// namespaces are visited in parallel and one that cannot be entered or answered is a
// gap among many, reported as a skipped check while the others go on.
//
// Each visit gets its own Source (live, recording or replaying, from the run's Session)
// and its own Diagnosis, appended to the caller's in target order, so nothing is shared
// between threads and output never depends on which finished first. A replayed
// namespace has no path: nothing is entered, the recording answers for it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/buffered_sink.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/netns.h"
#include "core/sink.h"
#include "source/session.h"
#include "source/source.h"

namespace netlens::source {

template <typename T>
struct Labelled {
    std::string netns;  // empty when collected here without --netns/--all-netns
    T value;
};

// Gathers one value per namespace, in target order.
template <typename T>
Result<std::vector<Labelled<T>>> collect_in_namespaces(const Session& session,
                                                       const std::vector<NetnsTarget>& targets,
                                                       const std::function<Result<T>(Source&, Diagnosis&)>& collect,
                                                       Diagnosis& diagnosis) {
    std::vector<Labelled<T>> results;
    if (targets.empty()) {
        auto value = collect(*session.source(""), diagnosis);
        if (!value) return value.error();
        results.push_back({"", std::move(*value)});
        return results;
    }
    std::vector<std::optional<Result<T>>> values(targets.size());
    std::vector<Diagnosis> diagnoses(targets.size());
    const auto entered = visit_netns(targets, [&](size_t i, const NetnsTarget& target) {
        values[i] = collect(*session.source(target.label), diagnoses[i]);
    });
    for (size_t i = 0; i < targets.size(); ++i) {
        std::optional<Error> error = entered[i];
        if (!error && !*values[i]) error = values[i]->error();
        if (error && targets.size() == 1) return *error;
        diagnosis.append(std::move(diagnoses[i]));
        if (error) {
            diagnosis.skip("netns", targets[i].label, error->message);
        } else {
            results.push_back({targets[i].label, std::move(values[i]->value())});
        }
    }
    return results;
}

// One namespace's share of a command: reads through `source` and presents its records to
// `sink`. source.netns() is the label for rows and findings ("" when none was named).
using NamespaceWork = std::function<std::optional<Error>(Source& source, Sink& sink, Diagnosis& diagnosis)>;

// Runs `work` per target. Here or in the one --netns namespace, records go straight to
// `sink` as they are made; with several namespaces each one's records are buffered and
// replayed in target order once all are done.
inline std::optional<Error> run_in_namespaces(const Session& session, const std::vector<NetnsTarget>& targets,
                                              Sink& sink, Diagnosis& diagnosis, const NamespaceWork& work) {
    if (targets.size() <= 1) {
        std::optional<Error> failure;
        const std::string label = targets.empty() ? "" : targets[0].label;
        auto run = [&] { failure = work(*session.source(label), sink, diagnosis); };
        if (targets.empty()) {
            run();
        } else if (auto entered = visit_netns(targets, [&](size_t, const NetnsTarget&) { run(); }); entered[0]) {
            return entered[0];
        }
        return failure;
    }
    std::vector<BufferedSink> buffers(targets.size(), BufferedSink(sink.structured(), sink.color()));
    std::vector<Diagnosis> diagnoses(targets.size());
    std::vector<std::optional<Error>> failures(targets.size());
    const auto entered = visit_netns(targets, [&](size_t i, const NetnsTarget& target) {
        failures[i] = work(*session.source(target.label), buffers[i], diagnoses[i]);
    });
    for (size_t i = 0; i < targets.size(); ++i) {
        diagnosis.append(std::move(diagnoses[i]));
        if (const auto& error = entered[i] ? entered[i] : failures[i]) {
            diagnosis.skip("netns", targets[i].label, error->message);
            buffers[i] = BufferedSink(sink.structured(), sink.color());  // nothing half-done is shown
        }
    }
    BufferedSink::replay(buffers, sink);
    return std::nullopt;
}

}  // namespace netlens::source
