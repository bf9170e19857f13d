#include "core/color.h"

namespace netlens {

namespace {
const char* escape_for(Tone tone) {
    switch (tone) {
        case Tone::plain: return "";
        case Tone::bold: return "\x1b[1m";
        case Tone::dim: return "\x1b[2m";
        case Tone::good: return "\x1b[32m";
        case Tone::warn: return "\x1b[33m";
        case Tone::bad: return "\x1b[31;1m";
    }
    return "";
}
}  // namespace

std::string paint(std::string_view text, Tone tone, bool enabled) {
    if (!enabled || tone == Tone::plain) return std::string(text);
    return std::string(escape_for(tone)) + std::string(text) + "\x1b[0m";
}

Tone tone_for(Severity severity) {
    switch (severity) {
        case Severity::info: return Tone::plain;
        case Severity::warning: return Tone::warn;
        case Severity::critical: return Tone::bad;
    }
    return Tone::plain;
}

}  // namespace netlens
