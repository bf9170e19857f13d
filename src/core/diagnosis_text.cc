#include "core/diagnosis_text.h"

#include <fmt/format.h>

#include "core/color.h"

namespace netlens {

namespace {

// Evidence as a person reads it: strings without JSON quotes, numbers plainly (a
// measured interval to a few digits, not the 17 of a round trip).
std::string evidence_text(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_float()) return fmt::format("{:g}", value.get<double>());
    return value.dump();
}

}  // namespace

void print_diagnosis_text(std::ostream& out, const Diagnosis& diagnosis, bool color) {
    if (!diagnosis.findings.empty()) {
        out << '\n' << paint("Findings", Tone::bold, color) << '\n';
    }
    for (const auto& f : diagnosis.findings) {
        std::string severity = to_string(f.severity);
        out << "  " << paint(severity, tone_for(f.severity), color) << "  [" << to_string(f.layer)
            << "] " << f.id << ": " << f.title;
        if (!f.netns.empty()) out << " (netns " << f.netns << ")";
        out << '\n';
        for (const auto& e : f.evidence) {
            out << "      " << e.key << " = " << evidence_text(e.value) << paint("  (" + e.source + ")", Tone::dim, color)
                << '\n';
        }
        if (!f.advice.empty()) out << "      advice: " << f.advice << '\n';
        if (!f.next_command.empty()) out << "      next:   " << f.next_command << '\n';
    }
    if (!diagnosis.skipped.empty()) {
        out << '\n' << paint("Skipped checks", Tone::bold, color) << '\n';
    }
    for (const auto& s : diagnosis.skipped) {
        out << "  " << s.check << ": " << s.reason << '\n';
    }
}

}  // namespace netlens
