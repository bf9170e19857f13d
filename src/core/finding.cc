#include "core/finding.h"

#include <algorithm>

namespace netlens {

const char* to_string(Layer layer) {
    switch (layer) {
        case Layer::l1_2: return "l1_2";
        case Layer::l3: return "l3";
        case Layer::l4: return "l4";
        case Layer::l7: return "l7";
    }
    return "unknown";
}

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::critical: return "critical";
    }
    return "unknown";
}

void Diagnosis::skip(std::string check, std::string reason) {
    for (const auto& s : skipped) {
        if (s.check == check && s.reason == reason) return;
    }
    skipped.push_back({std::move(check), std::move(reason)});
}

void Diagnosis::damaged(std::string what, std::string reason) {
    for (auto& s : skipped) {
        if (s.check == what && s.reason == reason) {
            s.partial = true;
            return;
        }
    }
    skipped.push_back({std::move(what), std::move(reason), true});
}

bool Diagnosis::partial() const {
    return std::any_of(skipped.begin(), skipped.end(), [](const Skipped& s) { return s.partial; });
}

void Diagnosis::append(Diagnosis other) {
    for (auto& finding : other.findings) findings.push_back(std::move(finding));
    for (auto& s : other.skipped) {
        if (s.partial) {
            damaged(std::move(s.check), std::move(s.reason));
        } else {
            skip(std::move(s.check), std::move(s.reason));
        }
    }
}

bool has_severity_at_least(const Diagnosis& diagnosis, Severity severity) {
    return std::any_of(diagnosis.findings.begin(), diagnosis.findings.end(),
                       [&](const Finding& f) { return f.severity >= severity; });
}

}  // namespace netlens
