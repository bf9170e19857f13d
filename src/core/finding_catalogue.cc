#include "core/finding_catalogue.h"

namespace netlens {

namespace {

// "ethtool {dev}" with {"dev", "eth0"} -> "ethtool eth0". A placeholder left unfilled
// stays visible, and the catalogue tests look for it.
std::string fill_placeholders(std::string_view pattern,
                              const std::vector<std::pair<std::string_view, std::string>>& fill) {
    std::string text(pattern);
    for (const auto& [name, value] : fill) {
        const std::string placeholder = "{" + std::string(name) + "}";
        for (size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size())) {
            text.replace(at, placeholder.size(), value);
        }
    }
    return text;
}

}  // namespace

Finding make_finding(FindingId id, FindingFacts facts) {
    const CatalogueEntry& entry = id.entry();
    const bool escalated = facts.escalated && entry.escalated;
    const bool special = facts.special && entry.special;
    const std::string_view next = special && !entry.special->next.empty() ? entry.special->next : entry.next;
    return {
        .id = std::string(entry.id),
        .layer = entry.layer,
        .severity = escalated ? entry.escalated->severity : entry.severity.severity,
        .title = std::move(facts.title),
        .evidence = std::move(facts.evidence),
        .advice = std::string(special ? entry.special->advice : entry.advice),
        .next_command = fill_placeholders(next, facts.fill),
        .netns = std::move(facts.netns),
    };
}

}  // namespace netlens
