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

std::string evidence_key(std::string_view name) {
    std::string key(name);
    for (auto& c : key) {
        const bool kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (!kept) {
            c = '_';
        }
    }
    return key;
}

void Diagnosis::skip(SkippedCheck check, std::string reason) { skip(check, {}, std::move(reason)); }

void Diagnosis::skip(SkippedCheck check, std::string_view subject, std::string reason) {
    std::string name(check.entry().name);
    if (!subject.empty()) name += " " + std::string(subject);
    keep_skipped({std::move(name), std::move(reason)});
}

void Diagnosis::keep_skipped(Skipped entry) {
    for (auto& s : skipped) {
        if (s.check == entry.check && s.reason == entry.reason) {
            s.partial = s.partial || entry.partial;
            return;
        }
    }
    skipped.push_back(std::move(entry));
}

void Diagnosis::damaged(SkippedCheck what, std::string reason) {
    keep_skipped({std::string(what.entry().name), std::move(reason), true});
}

bool Diagnosis::partial() const {
    return std::any_of(skipped.begin(), skipped.end(), [](const Skipped& s) { return s.partial; });
}

void Diagnosis::append(Diagnosis other) {
    for (auto& finding : other.findings) findings.push_back(std::move(finding));
    // Names were checked against the table when the entries were first made.
    for (auto& s : other.skipped) keep_skipped(std::move(s));
}

bool has_severity_at_least(const Diagnosis& diagnosis, Severity severity) {
    return std::any_of(diagnosis.findings.begin(), diagnosis.findings.end(),
                       [&](const Finding& f) { return f.severity >= severity; });
}

}  // namespace netlens
