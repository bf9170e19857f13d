// The last stage of every command: records leave through a Sink as soon as they are
// produced. A command's presenter asks `structured()` once per record and hands over
// either a JSON object (--json, --ndjson) or text (a table row or a line) — the one
// if/else that picks the format; nothing before the presenter knows the format.
//
// Results come in sections ("links", "neighbours", "routes"); a section is the key
// under "results" in --json, the "type" of each --ndjson line and, in text, a table
// (or plain lines) with an optional heading. Findings and skipped checks come last.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/json.h"
#include "core/json_record.h"
#include "core/output_destination.h"
#include "core/text_table.h"

namespace netlens {

inline constexpr const char* kSchema = "netlens/1";

struct SectionSpec {
    std::string name;             // key under "results": "links"
    std::string record_type;      // NDJSON "type" of each record: "link"
    std::vector<Column> columns;  // text: a table with these columns; empty for plain lines
    std::string heading;          // text: printed on its own line before the section, if any
    bool gap = false;             // text: a blank line before the section unless it comes first
    bool header = true;           // text: print the table's header row
    std::string empty_text;       // text: printed when the section had no rows
};

class Sink {
public:
    virtual ~Sink() = default;

    // True for --json and --ndjson: records are wanted as JSON objects.
    virtual bool structured() const = 0;
    virtual bool color() const { return false; }

    // Opens a section; opening the section that is already open continues it (another
    // namespace's rows of the same table). Opening another closes the open one.
    virtual void section(const SectionSpec& spec) = 0;
    virtual void record(Json record) = 0;                             // structured only
    // The same, already written as text: the fast path for long streams. Sinks that
    // keep a tree (indented --json, buffered namespaces) parse it back.
    virtual void record(const JsonRecord& record) { this->record(Json::parse(record.closed())); }
    virtual void row(const std::vector<std::string>& cells) = 0;     // text only, table sections
    virtual void line(std::string_view text) = 0;                    // text only
    // Pushes what is held to the destination now: for records that trickle in (socket
    // events), which a reader wants as they happen rather than a window later.
    virtual void flush() {}
    // Ends the output with the findings and skipped checks; flushes and throws
    // FatalError (exit 1) when the destination could not be written.
    virtual void finish(const Diagnosis& diagnosis) = 0;
};

// The sink for the chosen format, writing to `destination`, which must outlive it.
// `command` names the command in the JSON header ("route get").
std::unique_ptr<Sink> make_sink(OutputDestination& destination, const std::string& command);

}  // namespace netlens
