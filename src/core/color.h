// ANSI colouring that collapses to plain text when colour is off, so printers can
// call it unconditionally.
#pragma once

#include <string>
#include <string_view>

#include "core/finding.h"

namespace netlens {

enum class Tone { plain, bold, dim, good, warn, bad };

std::string paint(std::string_view text, Tone tone, bool enabled);
Tone tone_for(Severity severity);

}  // namespace netlens
