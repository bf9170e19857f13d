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
    // Text only: findings and skipped checks go to standard error, so the output holds
    // nothing but rows (sockets -H, like ss -H, feeds scripts).
    bool notes_to_stderr = false;
    // Without --output, write to standard error instead of standard output: `trace`
    // writes where strace writes, so the traced program's own output stays apart.
    bool to_stderr = false;
};

}  // namespace netlens
