// How a command should present its results; filled in by the CLI from the common flags
// (--json, --ndjson, --color, --output) and read by the sinks.
#pragma once

#include <string>

namespace netlens {

enum class Format { text, json, ndjson };
enum class ColorMode { automatic, always, never };

struct OutputOptions {
    Format format = Format::text;
    ColorMode color = ColorMode::automatic;
    std::string file;         // --output FILE; empty means standard output
};

}  // namespace netlens
