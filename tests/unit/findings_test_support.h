// Shorthands shared by the tests of findings.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace netlens::test_support {

// The findings with this id; copies, so a temporary diagnosis can be passed in.
inline std::vector<Finding> with_id(const Diagnosis& diagnosis, const std::string& id) {
    std::vector<Finding> found;
    for (const auto& finding : diagnosis.findings) {
        if (finding.id == id) found.push_back(finding);
    }
    return found;
}

// The evidence under `key`, or nullptr.
inline const Evidence* find_evidence(const Finding& finding, const std::string& key) {
    for (const auto& e : finding.evidence) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

}  // namespace netlens::test_support
