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

bool has_severity_at_least(const Diagnosis& diagnosis, Severity severity) {
    return std::any_of(diagnosis.findings.begin(), diagnosis.findings.end(),
                       [&](const Finding& f) { return f.severity >= severity; });
}

}  // namespace netlens
