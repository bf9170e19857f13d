#include "core/findings_markdown.h"

#include <string_view>

#include "core/finding_catalogue.h"
#include "core/skipped_checks.h"

namespace netlens {

namespace {

constexpr std::string_view kIntro =
    "# Findings\n"
    "\n"
    "<!-- Generated from src/core/finding_catalogue.h and src/core/skipped_checks.h by `make docs`. -->\n"
    "\n"
    "Every finding has a stable id, a layer (`l1_2`, `l3`, `l4`, `l7`), a severity (`info`,\n"
    "`warning`, `critical`), evidence (key, value, source), advice and a next command.\n"
    "Ids are never renamed. Evidence values are typed: counts and sizes are JSON numbers,\n"
    "flags booleans; keys are snake_case and name their unit (`interval_s`).\n";

// A table cell: a '|' would end it early.
std::string cell(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '|') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

std::string code(std::string_view text) { return "`" + cell(text) + "`"; }

std::string severity_cell(const CatalogueEntry& entry) {
    auto one = [](const SeverityCase& c) {
        return std::string(to_string(c.severity)) + (c.when.empty() ? "" : " " + std::string(c.when));
    };
    std::string text = one(entry.severity);
    if (entry.escalated) text += ", " + one(*entry.escalated);
    return text;
}

// "iface, route" -> "`iface`, `route`"
std::string commands_cell(std::string_view commands) {
    std::string text;
    while (!commands.empty()) {
        const size_t comma = commands.find(", ");
        text += (text.empty() ? "" : ", ") + code(commands.substr(0, comma));
        commands = comma == std::string_view::npos ? std::string_view{} : commands.substr(comma + 2);
    }
    return text;
}

std::string advice_cell(const CatalogueEntry& entry) {
    std::string text = cell(entry.advice);
    if (entry.special) text += " *" + cell(entry.special->when) + ":* " + cell(entry.special->advice);
    return text;
}

std::string next_cell(const CatalogueEntry& entry) {
    std::string text = code(entry.next);
    if (entry.special && !entry.special->next.empty()) {
        text += "; *" + cell(entry.special->when) + ":* " + code(entry.special->next);
    }
    return text;
}

}  // namespace

std::string findings_markdown() {
    std::string md(kIntro);
    md += "\n| id | layer | severity | raised by | when |\n|---|---|---|---|---|\n";
    for (const auto& entry : kFindingCatalogue) {
        md += "| " + code(entry.id) + " | " + to_string(entry.layer) + " | " + severity_cell(entry) + " | " +
              commands_cell(entry.raised_by) + " | " + cell(entry.meaning) + " |\n";
    }
    md += "\n## Advice and next command\n\n";
    md += "Words in braces in a next command (`{dev}`) are filled with the finding's own names.\n";
    md += "\n| id | advice | next |\n|---|---|---|\n";
    for (const auto& entry : kFindingCatalogue) {
        md += "| " + code(entry.id) + " | " + advice_cell(entry) + " | " + next_cell(entry) + " |\n";
    }
    md += "\n## Skipped checks\n\n| check | when |\n|---|---|\n";
    for (const auto& check : kSkippedChecks) {
        const std::string name =
            std::string(check.name) + (check.subject.empty() ? "" : " ") + std::string(check.subject);
        md += "| " + code(name) + " | " + cell(check.when) + " |\n";
    }
    return md;
}

}  // namespace netlens
