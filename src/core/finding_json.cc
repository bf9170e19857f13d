#include "core/finding_json.h"

namespace netlens {

Json to_json(const Finding& finding) {
    Json evidence = Json::array();
    for (const auto& e : finding.evidence) {
        evidence.push_back({{"key", e.key}, {"value", e.value}, {"source", e.source}});
    }
    Json j = {
        {"id", finding.id},
        {"layer", to_string(finding.layer)},
        {"severity", to_string(finding.severity)},
        {"title", finding.title},
        {"evidence", evidence},
        {"advice", finding.advice},
        {"next", finding.next_command},
    };
    if (!finding.netns.empty()) j["netns"] = finding.netns;
    return j;
}

Json to_json(const Skipped& skipped) {
    Json j = {{"check", skipped.check}, {"reason", skipped.reason}};
    if (skipped.partial) j["partial"] = true;
    return j;
}

}  // namespace netlens
