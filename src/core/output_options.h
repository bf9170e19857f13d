// How a command should present its results; filled in by the CLI from the common flags
// (--json, --ndjson, --color, -o, -n) and read by the sinks.
#pragma once

#include <string>

namespace netlens {

enum class Format { text, json, ndjson };
enum class ColorMode { automatic, always, never };

struct OutputOptions {
    Format format = Format::text;
    ColorMode color = ColorMode::automatic;
    bool numeric = false;     // -n: no name resolution, raw numbers
    std::string file;         // -o FILE; empty means standard output
};

}  // namespace netlens
